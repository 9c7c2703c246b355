//! Images on a page (issue 19: the seal): [`Image`], 8-bit RGBA pixels, drawn by
//! `Document::image_at` (in document.rs) as one image XObject per distinct image (its alpha channel becomes the
//! PDF's soft mask, so what is transparent in the PNG lets the text under it show).

use printpdf::{RawImage, RawImageData, RawImageFormat, XObject, XObjectId};

/// An image to draw: width × height pixels of RGBA, row by row from the top; `key` tells two
/// images apart (a hash of the file), so the same image on many pages is embedded once.
#[derive(Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    pub key: String,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Image").field("width", &self.width).field("height", &self.height).finish_non_exhaustive()
    }
}

impl Image {
    fn raw(&self) -> RawImage {
        RawImage {
            pixels: RawImageData::U8(self.rgba.clone()),
            width: self.width as usize,
            height: self.height as usize,
            data_format: RawImageFormat::RGBA8,
            tag: Vec::new(),
        }
    }
}

/// The images a document uses, each once.
#[derive(Default)]
pub(super) struct Images {
    list: Vec<(XObjectId, Image)>,
}

impl Images {
    pub(super) fn id_of(&mut self, image: &Image) -> XObjectId {
        if let Some((id, _)) = self.list.iter().find(|(_, i)| i.key == image.key && i.width == image.width) {
            return id.clone();
        }
        let id = XObjectId::new();
        self.list.push((id.clone(), image.clone()));
        id
    }

    /// Puts every image into the PDF's resources.
    pub(super) fn into_resources(self, doc: &mut printpdf::PdfDocument) {
        for (id, image) in self.list {
            doc.resources.xobjects.map.insert(id, XObject::Image(image.raw()));
        }
    }
}
