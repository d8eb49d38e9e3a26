//! Drawing the laid-out pages with krilla: fonts embedded and subset, text with its Unicode mapping (so it
//! copies and searches correctly), the footer with the QR code, and the document's metadata.
//!
//! **PDF/A-2b.** The document is written with krilla's PDF/A-2b validator on: fonts embedded, device colours
//! replaced by an sRGB output intent, XMP metadata in step with the document information, no transparency
//! or encryption; krilla refuses to write a file that breaks a rule it can check. What krilla cannot check
//! and this crate keeps to: every glyph drawn comes from the embedded fonts (a test checks the coverage).
//! The signature added afterwards ([`crate::sign`]) is an incremental update of the kind PDF/A-2 allows
//! (`adbe.pkcs7.detached`, an invisible widget with the print flag); no validator was run on the signed
//! file here, so conformance of the signed file is claimed only as far as these rules go.

use jiff::Timestamp;
use krilla::Document;
use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use render::Lang;

use crate::error::DocumentError;
use crate::layout::{BOTTOM, CONTENT_W, FOOTER_H, Fonts, LEFT, Op, PAGE_H, PAGE_W, shape};

/// What the footer of every page says.
pub(crate) struct Footer {
    pub(crate) line1: String,
    pub(crate) line2: String,
    pub(crate) line3: String,
    /// «Бет» / «Стр.»
    pub(crate) page: String,
    pub(crate) url: String,
}

/// The metadata written into the document information and XMP.
pub(crate) struct Meta {
    pub(crate) title: String,
    pub(crate) subject: String,
    pub(crate) keywords: Vec<String>,
    pub(crate) lang: Lang,
    pub(crate) created: Timestamp,
}

const QR: f32 = 62.0;

pub(crate) fn write(fonts: &Fonts, pages: &[Vec<Op>], footer: &Footer, meta: &Meta) -> Result<Vec<u8>, DocumentError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|e| DocumentError::Pdf(format!("{e:?}")))?;
    let settings = krilla::SerializeSettings {
        configuration,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(metadata(meta));
    let qr = qr_modules(&footer.url)?;
    let total = pages.len();
    for (index, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| DocumentError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, fonts, op);
        }
        draw_footer(&mut surface, fonts, footer, &qr, index + 1, total);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| DocumentError::Pdf(format!("{e:?}")))
}

fn metadata(meta: &Meta) -> Metadata {
    // Kazakhstan keeps one offset, UTC+5, since 1 March 2024.
    let local = jiff::tz::offset(5).to_datetime(meta.created);
    let created = DateTime::new(u16::try_from(local.year()).unwrap_or(2026))
        .month(u8::try_from(local.month()).unwrap_or(1))
        .day(u8::try_from(local.day()).unwrap_or(1))
        .hour(u8::try_from(local.hour()).unwrap_or(0))
        .minute(u8::try_from(local.minute()).unwrap_or(0))
        .second(u8::try_from(local.second()).unwrap_or(0))
        .utc_offset_hour(5)
        .utc_offset_minute(0);
    Metadata::new()
        .title(meta.title.clone())
        .description(meta.subject.clone())
        .keywords(meta.keywords.clone())
        .language(meta.lang.code().to_owned())
        .creator("Qonys".to_owned())
        .creation_date(created)
}

fn black_fill() -> Fill {
    Fill {
        paint: rgb::Color::black().into(),
        ..Default::default()
    }
}

fn stroke(width: f32, dashed: bool) -> Stroke {
    Stroke {
        paint: rgb::Color::black().into(),
        width,
        dash: dashed.then(|| StrokeDash {
            array: vec![4.0, 3.0],
            offset: 0.0,
        }),
        ..Default::default()
    }
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text { x, y, size, run } => {
            surface.set_stroke(None);
            surface.set_fill(Some(black_fill()));
            let font = if run.bold { &fonts.pdf_bold } else { &fonts.pdf_regular };
            surface.draw_glyphs(
                Point::from_xy(*x, *y),
                &run.glyphs,
                font.clone(),
                &run.text,
                *size,
                false,
            );
        }
        Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            dashed,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(*x1, *y1);
            pb.line_to(*x2, *y2);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*width, *dashed)));
                surface.draw_path(&path);
            }
        }
        Op::Rect { x, y, w, h, width } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*width, false)));
                surface.draw_path(&path);
            }
        }
    }
}

/// The dark modules of the QR code of `url`, as (columns, rows) of a square of `size` modules.
struct QrModules {
    size: usize,
    dark: Vec<bool>,
}

fn qr_modules(url: &str) -> Result<QrModules, DocumentError> {
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| DocumentError::Pdf(format!("qr: {e}")))?;
    let size = code.width();
    let dark = code.to_colors().iter().map(|c| *c == qrcode::Color::Dark).collect();
    Ok(QrModules { size, dark })
}

fn draw_qr(surface: &mut Surface<'_>, qr: &QrModules, x: f32, y: f32, side: f32) {
    // A quiet zone of four modules is part of the symbol.
    let module = side / (qr.size as f32 + 8.0);
    let (x0, y0) = (x + 4.0 * module, y + 4.0 * module);
    let mut pb = PathBuilder::new();
    for row in 0..qr.size {
        let mut col = 0;
        while col < qr.size {
            if qr.dark.get(row * qr.size + col).copied().unwrap_or(false) {
                // One rectangle per horizontal run of dark modules keeps the content stream small.
                let start = col;
                while col < qr.size && qr.dark.get(row * qr.size + col).copied().unwrap_or(false) {
                    col += 1;
                }
                if let Some(rect) = Rect::from_xywh(
                    x0 + start as f32 * module,
                    y0 + row as f32 * module,
                    (col - start) as f32 * module,
                    module,
                ) {
                    pb.push_rect(rect);
                }
            } else {
                col += 1;
            }
        }
    }
    if let Some(path) = pb.finish() {
        surface.set_stroke(None);
        surface.set_fill(Some(black_fill()));
        surface.draw_path(&path);
    }
}

fn draw_footer(surface: &mut Surface<'_>, fonts: &Fonts, footer: &Footer, qr: &QrModules, page: usize, total: usize) {
    let top = PAGE_H - BOTTOM - FOOTER_H + 10.0;
    draw(
        surface,
        fonts,
        &Op::Line {
            x1: LEFT,
            y1: top,
            x2: LEFT + CONTENT_W,
            y2: top,
            width: 0.4,
            dashed: false,
        },
    );
    draw_qr(surface, qr, LEFT - 4.0, top + 6.0, QR);
    let x = LEFT + QR + 4.0;
    let size = 8.0;
    for (i, text) in [&footer.line1, &footer.line2, &footer.line3].into_iter().enumerate() {
        let run = shape(fonts, text, i == 0);
        draw(
            surface,
            fonts,
            &Op::Text {
                x,
                y: top + 22.0 + i as f32 * 11.0,
                size,
                run,
            },
        );
    }
    let number = shape(fonts, &format!("{} {page} / {total}", footer.page), false);
    let width = number.width * 9.0;
    draw(
        surface,
        fonts,
        &Op::Text {
            x: LEFT + CONTENT_W - width,
            y: top + 22.0,
            size: 9.0,
            run: number,
        },
    );
}
