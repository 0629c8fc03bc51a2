//! Keeping the page's own blocks that an extracted article holds. The extractors give text, not
//! places, so the page's blocks (each mapped to its source) are matched against that text by
//! runs of [`RUN`] words, and a block is kept when most of its words fall in runs the article
//! has. Runs cross block boundaries, so a one-word heading between two kept paragraphs is kept
//! when the article has it there too, and not when the article goes on without it. Each run of
//! the article matches once, the first time the page has it. Linear in the page's words.
//!
//! Extractors often leave photo captions out; a caption between the first and last block kept,
//! or just before the first, is the article's own and is kept too (the script reads captions
//! only when asked).

use super::extract::words;
use super::html::{Block, Kind};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Words in a run.
const RUN: usize = 4;

/// The share of a block's words that must be in the article for the block to be kept.
const KEPT_SHARE: f64 = 0.5;

/// The blocks, in page order, that `article` holds, and the captions among them.
pub(super) fn keep(blocks: Vec<Block>, article: &str) -> Vec<Block> {
    let held = held(&blocks, article);
    let first = held.iter().position(|&h| h);
    let last = held.iter().rposition(|&h| h);
    let (Some(mut first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    while first > 0 && blocks[first - 1].kind == Kind::Caption {
        first -= 1;
    }
    blocks
        .into_iter()
        .enumerate()
        .filter(|(i, b)| held[*i] || (b.kind == Kind::Caption && (first..=last).contains(i)))
        .map(|(_, block)| block)
        .collect()
}

/// For each block, whether `article` holds it.
fn held(blocks: &[Block], article: &str) -> Vec<bool> {
    let article = word_hashes(article);
    let run = RUN.min(article.len()).max(1);
    let mut runs: HashMap<u64, usize> = HashMap::new();
    for window in article.windows(run) {
        *runs.entry(run_hash(window)).or_default() += 1;
    }
    // Every word of the page, and the block it is in.
    let mut page: Vec<u64> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let words = word_hashes(&block.paragraph.text);
        owner.extend(std::iter::repeat_n(index, words.len()));
        page.extend(words);
    }
    let mut matched = vec![false; page.len()];
    for start in 0..page.len().saturating_sub(run - 1) {
        if let Some(left) = runs.get_mut(&run_hash(&page[start..start + run])) {
            if *left > 0 {
                *left -= 1;
                matched[start..start + run].fill(true);
            }
        }
    }
    let mut words = vec![0usize; blocks.len()];
    let mut held = vec![0usize; blocks.len()];
    for (&block, &hit) in owner.iter().zip(&matched) {
        words[block] += 1;
        held[block] += usize::from(hit);
    }
    (0..blocks.len())
        .map(|i| words[i] > 0 && held[i] as f64 >= KEPT_SHARE * words[i] as f64)
        .collect()
}

/// A hash of each of the [`words`] of `text`, in lower case.
fn word_hashes(text: &str) -> Vec<u64> {
    words(text)
        .map(|w| {
            let mut hasher = DefaultHasher::new();
            for c in w.chars().flat_map(char::to_lowercase) {
                c.hash(&mut hasher);
            }
            hasher.finish()
        })
        .collect()
}

/// One hash for a run of word hashes.
fn run_hash(words: &[u64]) -> u64 {
    words.iter().fold(0xcbf2_9ce4_8422_2325, |h, w| {
        (h ^ w).wrapping_mul(0x0100_0000_01b3)
    })
}
