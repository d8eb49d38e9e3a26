use std::fmt;
use std::num::NonZeroU8;

/// Number of family members counted for an amount, the applicant included (AMB-31 reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HouseholdSize(NonZeroU8);

impl HouseholdSize {
    pub fn new(members: u8) -> Option<HouseholdSize> {
        NonZeroU8::new(members).map(HouseholdSize)
    }

    pub fn get(self) -> u8 {
        self.0.get()
    }
}

impl fmt::Display for HouseholdSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Where the family resettled: p.71 sets different amounts for urban and rural areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locality {
    Urban,
    Rural,
}

impl Locality {
    pub fn key(self) -> &'static str {
        match self {
            Locality::Urban => "urban",
            Locality::Rural => "rural",
        }
    }
}
