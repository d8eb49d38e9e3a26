//! Page layout: filled blocks in, pages of positioned glyph runs and rules out.
//!
//! A4, margins as Kazakh office paperwork sets them (left 30 mm for binding, right 15 mm, top 20 mm), the
//! bottom kept for the footer with the QR code. Text is shaped with the embedded PT Serif (rustybuzz, the
//! shaper krilla itself uses), so what is measured is what is drawn. Paragraphs are justified with a first
//! line indent; a word longer than its column is broken between letters; a table that runs over a page
//! repeats its header rows on the next one; a signature block is never split.

use std::sync::LazyLock;

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Face, UnicodeBuffer};

use crate::compose::{Cell, Filled, Run};

pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const LEFT: f32 = 85.04;
pub(crate) const RIGHT: f32 = 42.52;
pub(crate) const TOP: f32 = 56.69;
/// Space at the bottom of every page for the footer (rule, QR code, number, date, verification address).
pub(crate) const FOOTER_H: f32 = 84.0;
pub(crate) const BOTTOM: f32 = 28.35;
pub(crate) const CONTENT_W: f32 = PAGE_W - LEFT - RIGHT;
const LIMIT: f32 = PAGE_H - BOTTOM - FOOTER_H;

const BODY: f32 = 12.0;
const BODY_LEAD: f32 = 15.0;
const SMALL: f32 = 10.0;
const SMALL_LEAD: f32 = 12.4;
const CAPTION: f32 = 8.5;
const INDENT: f32 = 35.4;
const PAD: f32 = 3.5;

static REGULAR_BYTES: &[u8] = include_bytes!("../fonts/PTSerif-Regular.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../fonts/PTSerif-Bold.ttf");

/// The two faces: for shaping (rustybuzz) and for embedding (krilla).
pub(crate) struct Fonts {
    pub(crate) regular: Face<'static>,
    pub(crate) bold: Face<'static>,
    pub(crate) pdf_regular: krilla::text::Font,
    pub(crate) pdf_bold: krilla::text::Font,
}

static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    Some(Fonts {
        regular: Face::from_slice(REGULAR_BYTES, 0)?,
        bold: Face::from_slice(BOLD_BYTES, 0)?,
        pdf_regular: krilla::text::Font::new(REGULAR_BYTES.into(), 0)?,
        pdf_bold: krilla::text::Font::new(BOLD_BYTES.into(), 0)?,
    })
});

/// The embedded fonts; `None` only if the files in `fonts/` are damaged (a test loads them).
pub(crate) fn fonts() -> Option<&'static Fonts> {
    FONTS.as_ref()
}

/// Whether both embedded faces have a glyph for `c`.
pub fn has_glyph(c: char) -> bool {
    fonts().is_some_and(|f| f.regular.glyph_index(c).is_some() && f.bold.glyph_index(c).is_some())
}

/// A shaped piece of text.
#[derive(Debug, Clone)]
pub(crate) struct Shaped {
    pub(crate) text: String,
    pub(crate) bold: bool,
    pub(crate) glyphs: Vec<KrillaGlyph>,
    /// Width at size 1.
    pub(crate) width: f32,
}

pub(crate) fn shape(fonts: &Fonts, text: &str, bold: bool) -> Shaped {
    let face = if bold { &fonts.bold } else { &fonts.regular };
    let upem = face.units_per_em().max(1) as f32;
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let output = rustybuzz::shape(face, &[], buffer);
    let infos = output.glyph_infos();
    let mut glyphs = Vec::with_capacity(output.len());
    let mut width = 0.0;
    for (i, (info, pos)) in infos.iter().zip(output.glyph_positions()).enumerate() {
        let start = info.cluster as usize;
        // The cluster ends where the next different cluster starts (left to right: Cyrillic and Latin only).
        let end = infos
            .get(i + 1..)
            .and_then(|rest| rest.iter().find(|n| n.cluster != info.cluster))
            .map_or(text.len(), |n| n.cluster as usize);
        let advance = pos.x_advance as f32 / upem;
        width += advance;
        glyphs.push(KrillaGlyph {
            glyph_id: GlyphId::new(info.glyph_id),
            text_range: start..end,
            x_advance: advance,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
            y_advance: pos.y_advance as f32 / upem,
            location: None,
        });
    }
    Shaped {
        text: text.to_owned(),
        bold,
        glyphs,
        width,
    }
}

/// What is drawn on a page.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        run: Shaped,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        dashed: bool,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A word: pieces of text between spaces, possibly of both weights («№ 12»).
#[derive(Debug, Clone)]
struct Word {
    parts: Vec<Shaped>,
    width: f32,
    /// A line break is forced before this word.
    br: bool,
}

struct Line {
    words: Vec<Word>,
    width: f32,
    last: bool,
}

pub(crate) struct Layout<'f> {
    fonts: &'f Fonts,
    pub(crate) pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'f> Layout<'f> {
    pub(crate) fn new(fonts: &'f Fonts) -> Layout<'f> {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more points fit on this one (or the page is still empty).
    fn ensure(&mut self, h: f32) {
        if self.y + h > LIMIT && self.y > TOP + 0.5 {
            self.new_page();
        }
    }

    fn words(&self, runs: &[Run], size: f32) -> Vec<Word> {
        let mut words = Vec::new();
        let mut current = Word {
            parts: Vec::new(),
            width: 0.0,
            br: false,
        };
        let mut finish = |current: &mut Word, br_next: bool| {
            let done = std::mem::replace(
                current,
                Word {
                    parts: Vec::new(),
                    width: 0.0,
                    br: br_next,
                },
            );
            if !done.parts.is_empty() {
                words.push(done);
            } else if done.br {
                current.br = true;
            }
        };
        for run in runs {
            for (l, line) in run.text.split('\n').enumerate() {
                if l > 0 {
                    finish(&mut current, true);
                }
                for (i, piece) in line.split(' ').enumerate() {
                    if i > 0 {
                        finish(&mut current, false);
                    }
                    if !piece.is_empty() {
                        let shaped = shape(self.fonts, piece, run.bold);
                        current.width += shaped.width * size;
                        current.parts.push(shaped);
                    }
                }
            }
        }
        finish(&mut current, false);
        words
    }

    /// Breaks a word that does not fit `width` between letters.
    fn split_word(&self, word: &Word, width: f32, size: f32) -> Vec<Word> {
        let mut out = Vec::new();
        let mut current = String::new();
        let mut bold = false;
        let mut br = word.br;
        for part in &word.parts {
            bold = part.bold;
            for c in part.text.chars() {
                let mut candidate = current.clone();
                candidate.push(c);
                if !current.is_empty() && shape(self.fonts, &candidate, bold).width * size > width {
                    let shaped = shape(self.fonts, &current, bold);
                    out.push(Word {
                        width: shaped.width * size,
                        parts: vec![shaped],
                        br,
                    });
                    br = false;
                    current = c.to_string();
                } else {
                    current = candidate;
                }
            }
        }
        if !current.is_empty() {
            let shaped = shape(self.fonts, &current, bold);
            out.push(Word {
                width: shaped.width * size,
                parts: vec![shaped],
                br,
            });
        }
        out
    }

    fn wrap(&self, runs: &[Run], size: f32, width: f32, indent: f32) -> Vec<Line> {
        let space = shape(self.fonts, " ", false).width * size;
        let mut lines = Vec::new();
        let mut line = Line {
            words: Vec::new(),
            width: 0.0,
            last: false,
        };
        for word in self.words(runs, size) {
            let limit = if lines.is_empty() { width - indent } else { width };
            let pieces = if word.width > limit {
                self.split_word(&word, limit, size)
            } else {
                vec![word]
            };
            for word in pieces {
                let limit = if lines.is_empty() { width - indent } else { width };
                let needed = if line.words.is_empty() {
                    word.width
                } else {
                    space + word.width
                };
                if word.br || (!line.words.is_empty() && line.width + needed > limit) {
                    line.last = word.br;
                    lines.push(std::mem::replace(
                        &mut line,
                        Line {
                            words: Vec::new(),
                            width: 0.0,
                            last: false,
                        },
                    ));
                    line.width = word.width;
                } else {
                    line.width += needed;
                }
                line.words.push(word);
            }
        }
        line.last = true;
        if !line.words.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Draws one line with its baseline at `y`.
    #[expect(clippy::too_many_arguments, reason = "a line's geometry is this many numbers")]
    fn draw_line(&mut self, line: &Line, x: f32, y: f32, width: f32, size: f32, align: Align, indent: f32) {
        let space = shape(self.fonts, " ", false).width * size;
        let avail = width - indent;
        let gaps = line.words.len().saturating_sub(1) as f32;
        let (mut cx, gap) = match align {
            Align::Left => (x + indent, space),
            Align::Center => (x + (width - line.width) / 2.0, space),
            Align::Right => (x + width - line.width, space),
            Align::Justify if line.last || gaps == 0.0 => (x + indent, space),
            Align::Justify => (x + indent, space + (avail - line.width) / gaps),
        };
        for (i, word) in line.words.iter().enumerate() {
            if i > 0 {
                cx += gap;
            }
            for part in &word.parts {
                self.push(Op::Text {
                    x: cx,
                    y,
                    size,
                    run: part.clone(),
                });
                cx += part.width * size;
            }
        }
    }

    /// A block of text lines, breaking pages between lines.
    #[expect(clippy::too_many_arguments, reason = "a text block's geometry is this many numbers")]
    fn text(&mut self, runs: &[Run], x: f32, width: f32, size: f32, lead: f32, align: Align, indent: f32) {
        for (i, line) in self.wrap(runs, size, width, indent).iter().enumerate() {
            self.ensure(lead);
            let first = if i == 0 { indent } else { 0.0 };
            self.draw_line(line, x, self.y + size, width, size, align, first);
            self.y += lead;
        }
    }

    fn plain(text: &str, bold: bool) -> Vec<Run> {
        vec![Run {
            text: text.to_owned(),
            bold,
        }]
    }

    pub(crate) fn block(&mut self, block: &Filled) {
        match block {
            Filled::Corner { label, form } => {
                let w = 215.0;
                let x = PAGE_W - RIGHT - w;
                self.text(&Self::plain(label, false), x, w, SMALL, SMALL_LEAD, Align::Center, 0.0);
                self.y += 2.0;
                self.text(&Self::plain(form, false), x, w, SMALL, SMALL_LEAD, Align::Right, 0.0);
                self.y += 14.0;
            }
            Filled::Title(t) => {
                let w = CONTENT_W * 0.9;
                self.text(
                    &Self::plain(t, true),
                    LEFT + (CONTENT_W - w) / 2.0,
                    w,
                    12.5,
                    15.5,
                    Align::Center,
                    0.0,
                );
                self.y += 8.0;
            }
            Filled::DateNumber { date, number } => {
                self.ensure(BODY_LEAD);
                let base = self.y + BODY;
                for (text, align) in [(date, Align::Left), (number, Align::Right)] {
                    let wrapped = self.wrap(&Self::plain(text, false), BODY, CONTENT_W / 2.0, 0.0);
                    let x = if align == Align::Left {
                        LEFT
                    } else {
                        LEFT + CONTENT_W / 2.0
                    };
                    if let Some(l) = wrapped.first() {
                        self.draw_line(l, x, base, CONTENT_W / 2.0, BODY, align, 0.0);
                    }
                }
                self.y += BODY_LEAD + 8.0;
            }
            Filled::Caption { value, caption } => {
                self.ensure(BODY_LEAD + CAPTION + 6.0);
                if value.is_empty() {
                    self.y += BODY_LEAD;
                } else {
                    self.text(
                        &Self::plain(value, true),
                        LEFT,
                        CONTENT_W,
                        BODY,
                        BODY_LEAD,
                        Align::Center,
                        0.0,
                    );
                }
                self.y += 1.5;
                self.push(Op::Line {
                    x1: LEFT,
                    y1: self.y,
                    x2: LEFT + CONTENT_W,
                    y2: self.y,
                    width: 0.5,
                    dashed: false,
                });
                self.y += 1.5;
                self.text(
                    &Self::plain(caption, false),
                    LEFT,
                    CONTENT_W,
                    CAPTION,
                    10.5,
                    Align::Center,
                    0.0,
                );
                self.y += 6.0;
            }
            Filled::Addressee(lines) => {
                let x = LEFT + CONTENT_W * 0.45;
                for line in lines {
                    self.text(line, x, CONTENT_W * 0.55, BODY, BODY_LEAD, Align::Left, 0.0);
                }
                self.y += 10.0;
            }
            Filled::Paragraph { runs, indent, center } => {
                let (align, indent) = if *center {
                    (Align::Center, 0.0)
                } else {
                    (Align::Justify, if *indent { INDENT } else { 0.0 })
                };
                self.text(runs, LEFT, CONTENT_W, BODY, BODY_LEAD, align, indent);
                self.y += 4.0;
            }
            Filled::Fields { heading, rows } => {
                self.heading(heading.as_deref());
                let rows: Vec<Vec<Cell>> = rows
                    .iter()
                    .map(|(l, v)| {
                        vec![
                            Cell {
                                text: l.clone(),
                                right: false,
                            },
                            Cell {
                                text: v.clone(),
                                right: false,
                            },
                        ]
                    })
                    .collect();
                self.table(&[], &[0.42, 0.58], false, &rows);
                self.y += 8.0;
            }
            Filled::Table {
                heading,
                header,
                widths,
                numbers,
                rows,
            } => {
                // The heading, the header and the first row stay together.
                if let Some(h) = heading {
                    let lines = self.wrap(&Self::plain(h, false), BODY, CONTENT_W, INDENT).len() as f32;
                    let total: f32 = widths.iter().sum::<f32>().max(0.01);
                    let w: Vec<f32> = widths.iter().map(|x| x / total * CONTENT_W).collect();
                    let head: Vec<Cell> = header
                        .iter()
                        .map(|t| Cell {
                            text: t.clone(),
                            right: false,
                        })
                        .collect();
                    let first = rows
                        .first()
                        .map_or(SMALL_LEAD + 2.0 * PAD, |r| self.row_height(r, &w, false));
                    let header_h = if head.is_empty() {
                        0.0
                    } else {
                        self.row_height(&head, &w, true)
                    };
                    self.ensure(lines * BODY_LEAD + 3.0 + header_h * if *numbers { 2.0 } else { 1.0 } + first);
                }
                self.heading(heading.as_deref());
                self.table(header, widths, *numbers, rows);
                self.y += 8.0;
            }
            Filled::Choice { heading, options } => {
                self.heading(heading.as_deref());
                for (text, chosen) in options {
                    let box_x = LEFT + 6.0;
                    let lines = self
                        .wrap(&Self::plain(text, *chosen), BODY, CONTENT_W - 22.0, 0.0)
                        .len();
                    self.ensure(BODY_LEAD * lines as f32);
                    let top = self.y + 3.5;
                    self.push(Op::Rect {
                        x: box_x,
                        y: top,
                        w: 8.5,
                        h: 8.5,
                        width: 0.6,
                    });
                    if *chosen {
                        for (a, b) in [((0.0, 0.0), (8.5, 8.5)), ((0.0, 8.5), (8.5, 0.0))] {
                            self.push(Op::Line {
                                x1: box_x + a.0,
                                y1: top + a.1,
                                x2: box_x + b.0,
                                y2: top + b.1,
                                width: 0.9,
                                dashed: false,
                            });
                        }
                    }
                    self.text(
                        &Self::plain(text, *chosen),
                        LEFT + 22.0,
                        CONTENT_W - 22.0,
                        BODY,
                        BODY_LEAD,
                        Align::Left,
                        0.0,
                    );
                    self.y += 1.5;
                }
                self.y += 5.0;
            }
            Filled::List { heading, items } => {
                self.heading(heading.as_deref());
                for item in items {
                    self.text(
                        &Self::plain(item, false),
                        LEFT,
                        CONTENT_W,
                        BODY,
                        BODY_LEAD,
                        Align::Justify,
                        INDENT,
                    );
                }
                self.y += 5.0;
            }
            Filled::Signature {
                label,
                name,
                position,
                caption,
            } => {
                let half = CONTENT_W / 2.0;
                let left = self.wrap(&Self::plain(label, true), BODY, half - 6.0, 0.0);
                let right = self.wrap(&Self::plain(name, true), BODY, half, 0.0);
                let rows = left.len().max(right.len()) as f32;
                let h = 16.0 + BODY_LEAD * (rows + 1.0) + caption.as_ref().map_or(0.0, |_| SMALL_LEAD);
                self.ensure(h);
                self.y += 16.0;
                for (i, l) in left.iter().enumerate() {
                    self.draw_line(
                        l,
                        LEFT,
                        self.y + BODY + i as f32 * BODY_LEAD,
                        half - 6.0,
                        BODY,
                        Align::Left,
                        0.0,
                    );
                }
                for (i, l) in right.iter().enumerate() {
                    self.draw_line(
                        l,
                        LEFT + half,
                        self.y + BODY + i as f32 * BODY_LEAD,
                        half,
                        BODY,
                        Align::Right,
                        0.0,
                    );
                }
                self.y += BODY_LEAD * rows;
                self.text(
                    &Self::plain(position, false),
                    LEFT,
                    CONTENT_W,
                    SMALL,
                    SMALL_LEAD,
                    Align::Left,
                    0.0,
                );
                if let Some(c) = caption {
                    self.text(&Self::plain(c, false), LEFT, CONTENT_W, CAPTION, 10.5, Align::Left, 0.0);
                }
                self.y += 6.0;
            }
            Filled::Seal(text) => {
                self.y += 4.0;
                self.text(
                    &Self::plain(text, false),
                    LEFT,
                    CONTENT_W,
                    SMALL,
                    SMALL_LEAD,
                    Align::Left,
                    0.0,
                );
                self.y += 4.0;
            }
            Filled::CutLine(text) => {
                self.ensure(30.0);
                self.y += 8.0;
                self.push(Op::Line {
                    x1: LEFT,
                    y1: self.y,
                    x2: LEFT + CONTENT_W,
                    y2: self.y,
                    width: 0.6,
                    dashed: true,
                });
                self.y += 2.0;
                self.text(
                    &Self::plain(text, false),
                    LEFT,
                    CONTENT_W,
                    CAPTION,
                    10.5,
                    Align::Center,
                    0.0,
                );
                self.y += 8.0;
            }
        }
    }

    fn heading(&mut self, heading: Option<&str>) {
        if let Some(h) = heading {
            // A heading is not left alone at the bottom of a page.
            self.ensure(BODY_LEAD * 3.0);
            self.text(
                &Self::plain(h, false),
                LEFT,
                CONTENT_W,
                BODY,
                BODY_LEAD,
                Align::Justify,
                INDENT,
            );
            self.y += 3.0;
        }
    }

    /// A bordered table: the header row (and the row of column numbers) repeated on each page it runs over.
    fn table(&mut self, header: &[String], weights: &[f32], numbers: bool, rows: &[Vec<Cell>]) {
        let total: f32 = weights.iter().sum::<f32>().max(0.01);
        let widths: Vec<f32> = weights.iter().map(|w| w / total * CONTENT_W).collect();
        let head: Vec<Cell> = header
            .iter()
            .map(|h| Cell {
                text: h.clone(),
                right: false,
            })
            .collect();
        let numbers_row: Vec<Cell> = (1..=header.len())
            .map(|i| Cell {
                text: i.to_string(),
                right: false,
            })
            .collect();
        let mut header_rows: Vec<(&[Cell], bool)> = Vec::new();
        if !head.is_empty() {
            header_rows.push((&head, true));
        }
        if numbers && !head.is_empty() {
            header_rows.push((&numbers_row, true));
        }
        let header_h: f32 = header_rows.iter().map(|(r, _)| self.row_height(r, &widths, true)).sum();
        // The header and the first row start on the same page.
        let first_h = rows.first().map_or(0.0, |r| self.row_height(r, &widths, false));
        self.ensure(header_h + first_h.max(SMALL_LEAD + 2.0 * PAD));
        for (r, centered) in &header_rows {
            self.row(r, &widths, *centered);
        }
        if rows.is_empty() {
            let dash: Vec<Cell> = widths
                .iter()
                .map(|_| Cell {
                    text: "—".into(),
                    right: false,
                })
                .collect();
            self.row(&dash, &widths, true);
        }
        for row in rows {
            let h = self.row_height(row, &widths, false);
            if self.y + h > LIMIT {
                // A row taller than a third of a page is split between lines rather than moved whole, so
                // a long cell (the service standard's lists) does not leave a page empty.
                let room = ((LIMIT - self.y - 2.0 * PAD) / SMALL_LEAD).floor();
                if h > (LIMIT - TOP) / 3.0 && room >= 3.0 {
                    let (head, tail) = split_row(self, row, &widths, room as usize);
                    self.row(&head, &widths, false);
                    self.new_page();
                    for (r, centered) in &header_rows {
                        self.row(r, &widths, *centered);
                    }
                    self.row(&tail, &widths, false);
                    continue;
                }
                self.new_page();
                for (r, centered) in &header_rows {
                    self.row(r, &widths, *centered);
                }
            }
            self.row(row, &widths, false);
        }
    }

    fn row_height(&self, row: &[Cell], widths: &[f32], header: bool) -> f32 {
        let size = if header { 9.5 } else { SMALL };
        let lines = row
            .iter()
            .zip(widths)
            .map(|(c, w)| self.wrap(&Self::plain(&c.text, header), size, w - 2.0 * PAD, 0.0).len())
            .max()
            .unwrap_or(1);
        lines as f32 * SMALL_LEAD + 2.0 * PAD
    }

    fn row(&mut self, row: &[Cell], widths: &[f32], header: bool) {
        let size = if header { 9.5 } else { SMALL };
        let h = self.row_height(row, widths, header);
        let top = self.y;
        let mut x = LEFT;
        for (cell, w) in row.iter().zip(widths) {
            let align = match (header, cell.right) {
                (true, _) => Align::Center,
                (false, true) => Align::Right,
                (false, false) => Align::Left,
            };
            let lines = self.wrap(&Self::plain(&cell.text, header), size, w - 2.0 * PAD, 0.0);
            for (i, l) in lines.iter().enumerate() {
                let base = top + PAD + i as f32 * SMALL_LEAD + size;
                self.draw_line(l, x + PAD, base, w - 2.0 * PAD, size, align, 0.0);
            }
            self.push(Op::Rect {
                x,
                y: top,
                w: *w,
                h,
                width: 0.5,
            });
            x += w;
        }
        self.y = top + h;
    }
}

/// A row cut after `lines` lines of each cell: the part that fits and the rest (the rest of a long cell may
/// still run over another page; it is then moved whole).
fn split_row(layout: &Layout<'_>, row: &[Cell], widths: &[f32], lines: usize) -> (Vec<Cell>, Vec<Cell>) {
    let mut head = Vec::with_capacity(row.len());
    let mut tail = Vec::with_capacity(row.len());
    for (cell, w) in row.iter().zip(widths) {
        let wrapped = layout.wrap(&Layout::plain(&cell.text, false), SMALL, w - 2.0 * PAD, 0.0);
        let text = |ls: &[Line]| {
            ls.iter()
                .map(|l| {
                    l.words
                        .iter()
                        .map(|w| w.parts.iter().map(|p| p.text.as_str()).collect::<String>())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let cut = lines.min(wrapped.len());
        head.push(Cell {
            text: text(wrapped.get(..cut).unwrap_or_default()),
            right: cell.right,
        });
        tail.push(Cell {
            text: text(wrapped.get(cut..).unwrap_or_default()),
            right: cell.right,
        });
    }
    (head, tail)
}
