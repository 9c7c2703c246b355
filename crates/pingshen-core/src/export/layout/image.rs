//! Images on a page (issue 19: the seal): [`Image`], 8-bit RGBA pixels, drawn by
//! [`Document::image_at`] as one image XObject per distinct image (its alpha channel becomes the
//! PDF's soft mask, so what is transparent in the PNG lets the text under it show).

use printpdf::{Op, Pt, RawImage, RawImageData, RawImageFormat, XObject, XObjectId, XObjectTransform};

use super::document::Document;
use super::mm;

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
    fn id_of(&mut self, image: &Image) -> XObjectId {
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

impl Document<'_> {
    /// Draws `image` on the current page with its top-left corner `x`, `y` mm from the page's
    /// left and top edges, `w` × `h` mm; the cursor does not move.
    pub fn image_at(&mut self, x: f32, y: f32, w: f32, h: f32, image: &Image) {
        let id = self.images.id_of(image);
        let page_h = self.page_setup().height_mm();
        let transform = XObjectTransform {
            translate_x: Some(Pt(mm(x))),
            translate_y: Some(Pt(mm(page_h - y - h))),
            rotate: None,
            // at 72 dpi one pixel is one point: scale from there
            scale_x: Some(mm(w) / image.width.max(1) as f32),
            scale_y: Some(mm(h) / image.height.max(1) as f32),
            dpi: Some(72.0),
            no_auto_scale: false,
        };
        self.push_ops(vec![Op::UseXobject { id, transform }]);
    }
}
