use jiff::civil::Date;
use kz::Money;
use legal::{Edition, LegalRef, Reference, Versioned};

/// Where a fact came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactSource {
    /// Given to the rule by its caller (a form field, a CLI argument).
    Input,
    /// Derived by this rule from other facts and parameters.
    Computed,
    /// Read from an information system: which one and its response id.
    Registry { system: String, response_id: String },
}

/// A fact a decision relied on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub name: &'static str,
    pub value: String,
    pub source: FactSource,
}

/// A parameter edition a decision used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamUse {
    pub id: String,
    pub value: String,
    pub start: Date,
    pub end: Option<Date>,
    pub reference: Reference,
}

/// Why a decision is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Explanation {
    pub basis: Vec<LegalRef>,
    pub requirements: Vec<&'static str>,
    pub parameters: Vec<ParamUse>,
    pub facts: Vec<Fact>,
}

impl Explanation {
    pub(crate) fn new(basis: &[LegalRef], requirements: &[&'static str]) -> Explanation {
        Explanation {
            basis: basis.to_vec(),
            requirements: requirements.to_vec(),
            ..Explanation::default()
        }
    }

    #[expect(
        clippy::needless_pass_by_value,
        reason = "call sites pass temporaries; a reference adds noise"
    )]
    pub(crate) fn param<T>(&mut self, p: &Versioned<T>, e: &Edition<T>, value: impl ToString) {
        self.parameters.push(ParamUse {
            id: p.id().to_owned(),
            value: value.to_string(),
            start: e.start,
            end: e.end,
            reference: e.reference.clone(),
        });
    }

    #[expect(
        clippy::needless_pass_by_value,
        reason = "call sites pass temporaries; a reference adds noise"
    )]
    pub(crate) fn input(&mut self, name: &'static str, value: impl ToString) {
        self.facts.push(Fact {
            name,
            value: value.to_string(),
            source: FactSource::Input,
        });
    }

    #[expect(
        clippy::needless_pass_by_value,
        reason = "call sites pass temporaries; a reference adds noise"
    )]
    pub(crate) fn computed(&mut self, name: &'static str, value: impl ToString) {
        self.facts.push(Fact {
            name,
            value: value.to_string(),
            source: FactSource::Computed,
        });
    }
}

/// An enumerated reason a measure is not granted, with its point of law.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ground {
    /// Stable code, also the message key in the kk/ru catalogs.
    pub code: &'static str,
    pub basis: LegalRef,
    pub requirement: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    Granted(T),
    Refused(Vec<Ground>),
}

/// The result of a rule and its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision<T> {
    pub outcome: Outcome<T>,
    pub explanation: Explanation,
}

impl Decision<Money> {
    /// The amount when granted.
    pub fn amount(&self) -> Option<Money> {
        match &self.outcome {
            Outcome::Granted(m) => Some(*m),
            Outcome::Refused(_) => None,
        }
    }
}

impl<T> Decision<T> {
    pub fn is_granted(&self) -> bool {
        matches!(self.outcome, Outcome::Granted(_))
    }

    pub fn grounds(&self) -> &[Ground] {
        match &self.outcome {
            Outcome::Granted(_) => &[],
            Outcome::Refused(g) => g,
        }
    }
}
