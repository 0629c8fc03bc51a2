//! Reading order: a page's lines gathered into blocks (lines of one style set one under another
//! in one column), and the blocks put in the order a reader takes them.
//!
//! A block that spans most of the text's width (a headline, a byline, a figure across the
//! columns, every block of a one-column page) cuts the page into bands; within a band, blocks are
//! read column by column, left to right, each column top to bottom. So a headline across three
//! columns is read first, then the first column down, then the second, and text under a spanning
//! figure starts again at the first column.

use super::lines::TextLine;
use super::rect::Rect;

/// Lines of one style in one column, one under another: indexes into the page's lines.
#[derive(Debug, Clone)]
pub struct Block {
    pub lines: Vec<usize>,
    pub rect: Rect,
    pub size: f32,
    pub bold: bool,
}

impl Block {
    fn new(index: usize, line: &TextLine) -> Block {
        Block {
            lines: vec![index],
            rect: line.rect,
            size: line.size,
            bold: line.bold,
        }
    }

    /// `line` goes on under this block: same style, just below, in the same column.
    fn takes(&self, line: &TextLine, last: &TextLine) -> bool {
        let size = self.size.max(line.size);
        (line.size - self.size).abs() <= 0.08 * size
            && line.bold == self.bold
            && line.rect.top >= last.rect.top + 0.5 * last.rect.height()
            && line.rect.top - last.rect.bottom <= 0.9 * size
            && line.rect.left < self.rect.right
            && line.rect.right > self.rect.left
            && (line.rect.left - self.rect.left).abs() <= 3.0 * size
    }

    fn add(&mut self, index: usize, line: &TextLine) {
        self.lines.push(index);
        self.rect = self.rect.union(line.rect);
    }
}

/// The blocks of one page's `lines`, running heads and feet (`furniture`) left out, in reading
/// order.
pub fn blocks(lines: &[TextLine], furniture: &[bool]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for (index, line) in lines.iter().enumerate().filter(|(k, _)| !furniture[*k]) {
        // The block this line continues: the latest one it fits under.
        let open = blocks.iter_mut().rev().take(4).find(|b| {
            let last = &lines[*b.lines.last().unwrap_or(&index)];
            b.takes(line, last)
        });
        match open {
            Some(block) => block.add(index, line),
            None => blocks.push(Block::new(index, line)),
        }
    }
    reading_order(blocks)
}

/// Bands between spanning blocks, each read column by column.
fn reading_order(mut blocks: Vec<Block>) -> Vec<Block> {
    let Some(area) = blocks.iter().map(|b| b.rect).reduce(Rect::union) else {
        return blocks;
    };
    let spanning = |b: &Block| b.rect.width() > 0.6 * area.width();
    blocks.sort_by(|a, b| a.rect.top.total_cmp(&b.rect.top));
    let mut ordered = Vec::with_capacity(blocks.len());
    let mut band: Vec<Block> = Vec::new();
    for block in blocks {
        if spanning(&block) {
            ordered.extend(by_columns(std::mem::take(&mut band)));
            ordered.push(block);
        } else {
            band.push(block);
        }
    }
    ordered.extend(by_columns(band));
    ordered
}

/// Narrow blocks read column by column: a block belongs to the column whose left edge it
/// shares (within a third of the narrowest block's width), columns left to right.
fn by_columns(mut band: Vec<Block>) -> Vec<Block> {
    if band.len() < 2 {
        return band;
    }
    let narrowest = band
        .iter()
        .map(|b| b.rect.width())
        .fold(f32::MAX, f32::min)
        .max(10.0);
    band.sort_by(|a, b| a.rect.left.total_cmp(&b.rect.left));
    let mut column = 0usize;
    let mut column_left = band[0].rect.left;
    let mut keyed: Vec<(usize, Block)> = Vec::with_capacity(band.len());
    for block in band {
        // A block starting right of the column's text (an indented quote) stays in it when it
        // begins inside the column.
        let inside = keyed
            .iter()
            .filter(|(c, _)| *c == column)
            .any(|(_, b)| block.rect.left < b.rect.right - 0.5 * b.size);
        if block.rect.left - column_left > narrowest / 3.0 && !inside {
            column += 1;
            column_left = block.rect.left;
        }
        keyed.push((column, block));
    }
    keyed.sort_by(|(ca, a), (cb, b)| ca.cmp(cb).then(a.rect.top.total_cmp(&b.rect.top)));
    keyed.into_iter().map(|(_, b)| b).collect()
}
