//! Calendar: placeholder, being written.
