//! The speaking rate: how fast the voices speak, 1 as each voice speaks by itself, 2 twice as fast
//! (and every pause half as long), within [`Rate::MIN`] to [`Rate::MAX`]. People who listen for
//! accessibility commonly set 1.5 to 3.
//!
//! Written as a plain number (`1.5`), or with a trailing `x` (`1.5x`) or as a percentage (`150%`).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Rate(f32);

impl Rate {
    pub const MIN: f32 = 0.5;
    pub const MAX: f32 = 3.0;
    /// As the voices speak by themselves.
    pub const NORMAL: Rate = Rate(1.0);

    /// A rate within [`Rate::MIN`] to [`Rate::MAX`], or why not.
    pub fn new(value: f64) -> Result<Rate, String> {
        if !value.is_finite() || !(f64::from(Rate::MIN)..=f64::from(Rate::MAX)).contains(&value) {
            return Err(format!(
                "a speaking rate must be from {} to {} (1 is normal, 2 twice as fast), not {value}",
                Rate::MIN,
                Rate::MAX
            ));
        }
        Ok(Rate(value as f32))
    }

    pub fn get(self) -> f32 {
        self.0
    }

    pub fn is_normal(self) -> bool {
        (self.0 - 1.0).abs() < 1e-6
    }

    /// [`Rate::is_normal`] for serde's `skip_serializing_if`.
    pub fn is_normal_ref(&self) -> bool {
        self.is_normal()
    }

    /// This rate applied on top of `base` (a listener's rate over a producer's), within range.
    pub fn over(self, base: Rate) -> Result<Rate, String> {
        Rate::new(f64::from(self.0) * f64::from(base.0))
    }

    /// A pause of `ms` milliseconds as long as it lasts at this rate.
    pub fn pause_ms(self, ms: u32) -> u32 {
        (f64::from(ms) / f64::from(self.0)).round() as u32
    }
}

impl Default for Rate {
    fn default() -> Rate {
        Rate::NORMAL
    }
}

impl TryFrom<f64> for Rate {
    type Error = String;
    fn try_from(value: f64) -> Result<Rate, String> {
        Rate::new(value)
    }
}

impl From<Rate> for f64 {
    fn from(rate: Rate) -> f64 {
        // Through the decimal text, so 1.1 is written as 1.1, not 1.100000023841858.
        rate.to_string().parse().unwrap_or(1.0)
    }
}

impl std::str::FromStr for Rate {
    type Err = String;
    fn from_str(text: &str) -> Result<Rate, String> {
        let text = text.trim();
        let (number, scale) = match text.strip_suffix('%') {
            Some(percent) => (percent, 0.01),
            None => (text.strip_suffix(['x', 'X']).unwrap_or(text), 1.0),
        };
        let value: f64 = number
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not a speaking rate; write 1.5, 1.5x or 150%"))?;
        Rate::new(value * scale)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let rounded = (f64::from(self.0) * 1000.0).round() / 1000.0;
        write!(f, "{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_read_as_numbers_multipliers_or_percentages() {
        assert_eq!("1.5".parse::<Rate>().unwrap().get(), 1.5);
        assert_eq!("2x".parse::<Rate>().unwrap().get(), 2.0);
        assert_eq!("150%".parse::<Rate>().unwrap().get(), 1.5);
        assert!("4".parse::<Rate>().unwrap_err().contains("from 0.5 to 3"));
        assert!("0.4".parse::<Rate>().is_err());
        assert!("fast".parse::<Rate>().is_err());
        assert!("NaN".parse::<Rate>().is_err());
    }

    #[test]
    fn pauses_shrink_as_the_rate_grows_and_rates_compose() {
        let two = Rate::new(2.0).unwrap();
        assert_eq!(two.pause_ms(900), 450);
        assert_eq!(Rate::NORMAL.pause_ms(333), 333);
        assert_eq!(two.over(Rate::new(1.5).unwrap()).unwrap().get(), 3.0);
        assert!(two.over(two).is_err());
        assert_eq!(Rate::new(1.1).unwrap().to_string(), "1.1");
        assert_eq!(f64::from(Rate::new(1.1).unwrap()), 1.1);
    }
}
