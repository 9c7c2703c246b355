//! Layout layer over printpdf: placeholder, being written.
