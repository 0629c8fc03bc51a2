//! A box on a page, in points measured from the page's top left: a character's, a line's, a
//! block's.

/// A box: `left < right`, `top < bottom` (y grows down the page).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Rect {
    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }

    /// The smallest box holding both.
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            left: self.left.min(other.left),
            right: self.right.max(other.right),
            top: self.top.min(other.top),
            bottom: self.bottom.max(other.bottom),
        }
    }

    /// How far the two share a stretch top to bottom (negative: the gap between them).
    pub fn vertical_overlap(&self, other: &Rect) -> f32 {
        self.bottom.min(other.bottom) - self.top.max(other.top)
    }
}
