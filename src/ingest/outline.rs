//! An article's sections filled in reading order: a heading opens a section, and paragraphs go to
//! the open one (an untitled first section is opened by a paragraph that comes before any
//! heading). No section is ever empty of both heading and paragraphs.

use crate::model::{Paragraph, Section};

#[derive(Default)]
pub(super) struct Outline {
    sections: Vec<Section>,
    open: Option<Section>,
}

impl Outline {
    /// Closes the open section and opens one under `heading`.
    pub fn heading(&mut self, heading: Paragraph) {
        self.sections.extend(self.open.take());
        self.open = Some(Section {
            heading: Some(heading),
            paragraphs: Vec::new(),
        });
    }

    pub fn paragraph(&mut self, paragraph: Paragraph) {
        self.open_section().paragraphs.push(paragraph);
    }

    /// The open section, opened untitled if there is none.
    pub fn open_section(&mut self) -> &mut Section {
        self.open.get_or_insert_with(|| Section {
            heading: None,
            paragraphs: Vec::new(),
        })
    }

    /// The last paragraph of the open section.
    pub fn last_paragraph(&self) -> Option<&Paragraph> {
        self.open.as_ref().and_then(|s| s.paragraphs.last())
    }

    /// Nothing has been added yet.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.open.is_none()
    }

    pub fn finish(mut self) -> Vec<Section> {
        self.sections.extend(self.open.take());
        self.sections
    }
}
