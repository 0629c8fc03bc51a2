//! Tables: the words and units of written English news, and their lookups. No reader's logic
//! lives here; a table answers "what is this word" and the readers decide when to ask.

pub mod abbreviations;
pub mod described;
pub mod initialisms;
pub mod months;
pub mod states;
pub mod streets;
pub mod units;
