//! Points of law in words of the language, never in the notation of `law/` (`rules-a 15.5`).
//!
//! The point notation (ARCHITECTURE.md) is read by the kind of act:
//! - rules (Rules A, Rules B): `15` is paragraph 15 (тармақ, пункт), `15.5` its fifth part (бөлік, часть),
//!   `68.14.4` sub-item 4) (тармақша, подпункт) of that part;
//! - order No. 359 itself: `2` is item 2, `2.3` its sub-item 3);
//! - codes and laws: `84` is an article (бап, статья), `84.5` its paragraph, `84.5.2` sub-item 2) of it;
//! - any act: `app-1` is an appendix, `app-1.3` item (row) 3 of it.
//!
//! A point written otherwise (a note such as `MCI for 2026 (article not verified)`) is shown after the act's
//! name as it is. The act names and the sentence shapes are catalog entries (`legal-act-*`, `legal-ref-*`).

use legal::{Act, LegalRef};

use crate::Lang;

/// Points of rules whose second number is a sub-item of the paragraph, not a part: the order cites them so
/// (Rules B p.36: «36-тармағы 1-тармақшасына», order No. 359, appendix 7).
const SUB_ITEMS_OF_PARAGRAPH: &[(Act, &str)] = &[(Act::RulesB, "36.1")];

/// The structure of a point, parsed from its notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point<'a> {
    /// A paragraph of rules, an item of the order, an article of a code or law; with what is inside it.
    Unit {
        n: &'a str,
        second: Option<&'a str>,
        third: Option<&'a str>,
    },
    /// An appendix, or an item of it.
    Appendix { n: &'a str, item: Option<&'a str> },
    /// Anything else, shown as written.
    Text(&'a str),
}

/// A number of the notation: digits, or digits joined by a hyphen (`73-3`, a paragraph added between 73 and 74).
fn is_number(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
}

impl<'a> Point<'a> {
    pub fn parse(point: &'a str) -> Point<'a> {
        if let Some(rest) = point.strip_prefix("app-") {
            let (n, item) = match rest.split_once('.') {
                Some((n, item)) => (n, Some(item)),
                None => (rest, None),
            };
            if is_number(n) && item.is_none_or(is_number) {
                return Point::Appendix { n, item };
            }
            return Point::Text(point);
        }
        let mut parts = point.split('.');
        let (Some(n), second, third, None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Point::Text(point);
        };
        if is_number(n) && second.is_none_or(is_number) && third.is_none_or(is_number) {
            Point::Unit { n, second, third }
        } else {
            Point::Text(point)
        }
    }
}

/// How an act divides: what its first, second and third numbers are called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Division {
    /// Paragraph, part, sub-item.
    Rules,
    /// Item, sub-item.
    Order,
    /// Article, paragraph, sub-item.
    Code,
}

fn division(act: Act) -> Division {
    match act {
        Act::RulesA | Act::RulesB => Division::Rules,
        Act::Order359 => Division::Order,
        Act::HolidaysLaw
        | Act::LabourCode
        | Act::BudgetCode
        | Act::SocialCode
        | Act::MigrationLaw
        | Act::Appc
        | Act::BudgetLaw { .. } => Division::Code,
    }
}

/// The catalog key of an act's name (`legal-act-<key>`; `-of` and `-to` add the forms the sentences need).
fn act_key(act: Act) -> &'static str {
    match act {
        Act::Order359 => "legal-act-order-359",
        Act::RulesA => "legal-act-rules-a",
        Act::RulesB => "legal-act-rules-b",
        Act::HolidaysLaw => "legal-act-holidays-law",
        Act::LabourCode => "legal-act-labour-code",
        Act::BudgetCode => "legal-act-budget-code",
        Act::SocialCode => "legal-act-social-code",
        Act::MigrationLaw => "legal-act-migration-law",
        Act::Appc => "legal-act-appc",
        Act::BudgetLaw { .. } => "legal-act-budget-law",
    }
}

/// A sentence shape (a `legal-ref-*` key) and its numbers.
fn shape<'a>(r: &'a LegalRef, point: Point<'a>) -> (&'static str, Vec<(&'static str, &'a str)>) {
    match point {
        Point::Appendix { n, item: None } => ("legal-ref-appendix", vec![("n", n)]),
        Point::Appendix { n, item: Some(item) } => ("legal-ref-appendix-item", vec![("n", n), ("item", item)]),
        Point::Text(text) => ("legal-ref-text", vec![("point", text)]),
        Point::Unit { n, second, third } => {
            let sub_item_of_paragraph = SUB_ITEMS_OF_PARAGRAPH
                .iter()
                .any(|(act, p)| *act == r.act && *p == r.point.as_ref());
            match (division(r.act), second, third) {
                (Division::Rules | Division::Order, None, None) => ("legal-ref-paragraph", vec![("n", n)]),
                (Division::Rules, Some(part), None) if !sub_item_of_paragraph => {
                    ("legal-ref-paragraph-part", vec![("n", n), ("part", part)])
                }
                (Division::Rules, Some(part), Some(sub)) => (
                    "legal-ref-paragraph-part-sub",
                    vec![("n", n), ("part", part), ("sub", sub)],
                ),
                (Division::Rules | Division::Order, Some(sub), None) => {
                    ("legal-ref-paragraph-sub", vec![("n", n), ("sub", sub)])
                }
                (Division::Code, None, None) => ("legal-ref-article", vec![("n", n)]),
                (Division::Code, Some(paragraph), None) => {
                    ("legal-ref-article-paragraph", vec![("n", n), ("paragraph", paragraph)])
                }
                (Division::Code, Some(paragraph), Some(sub)) => (
                    "legal-ref-article-paragraph-sub",
                    vec![("n", n), ("paragraph", paragraph), ("sub", sub)],
                ),
                // The order's items have no third level; a point written so is shown as written.
                (Division::Order, Some(_), Some(_))
                | (Division::Rules | Division::Order | Division::Code, None, Some(_)) => {
                    ("legal-ref-text", vec![("point", r.point.as_ref())])
                }
            }
        }
    }
}

impl crate::Catalog {
    /// A point of law in words of `lang`: `rules-a 15.5` is "Қандастар мен қоныс аударушыларды қабылдаудың
    /// өңірлік квотасына енгізу қағидаларының 15-тармағының 5-бөлігі" in Kazakh and "часть 5 пункта 15 Правил
    /// включения в региональную квоту приёма кандасов и переселенцев" in Russian (a rendering of ours, not a
    /// quotation of the act).
    ///
    /// ```
    /// use legal::{Act, LegalRef};
    /// use render::{Catalog, Lang};
    /// let catalog = Catalog::new();
    /// let term = LegalRef::new(Act::Order359, "app-1.3");
    /// assert_eq!(catalog.legal_ref(Lang::Kk, &term), "№ 359 бұйрыққа 1-қосымшаның 3-тармағы");
    /// assert_eq!(catalog.legal_ref(Lang::Ru, &term), "пункт 3 приложения 1 к приказу № 359");
    /// ```
    pub fn legal_ref(&self, lang: Lang, r: &LegalRef) -> String {
        let act = act_key(r.act);
        let (year, last) = match r.act {
            Act::BudgetLaw { first_year } => (first_year.to_string(), first_year.saturating_add(2).to_string()),
            Act::Order359
            | Act::RulesA
            | Act::RulesB
            | Act::HolidaysLaw
            | Act::LabourCode
            | Act::BudgetCode
            | Act::SocialCode
            | Act::MigrationLaw
            | Act::Appc => (String::new(), String::new()),
        };
        let name = |suffix: &str| {
            self.message(
                lang,
                &format!("{act}{suffix}"),
                &[("year", year.as_str()), ("last", last.as_str())],
            )
        };
        let (key, numbers) = shape(r, Point::parse(&r.point));
        let (of, to, plain) = (name("-of"), name("-to"), name(""));
        let mut args: Vec<(&str, &str)> = vec![
            ("act", plain.as_str()),
            ("act_of", of.as_str()),
            ("act_to", to.as_str()),
        ];
        args.extend(numbers);
        self.message(lang, key, &args)
    }

    /// The basis a record stores (`rules-a 15.4`) in words of `lang`; a text that is not a reference comes back
    /// as it is, so a defect shows rather than disappears (a repository test keeps the notation off the pages).
    pub fn basis(&self, lang: Lang, stored: &str) -> String {
        match LegalRef::parse(stored) {
            Some(r) => self.legal_ref(lang, &r),
            None => stored.to_owned(),
        }
    }
}
