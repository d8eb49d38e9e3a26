//! Amounts in words and dates in the official form, as decisions and payment documents write them.
//!
//! **Amounts.** The tenge part is written in words, the tiyn part in two figures, as payment documents in
//! Kazakhstan do ("Сумма прописью": "Семь миллионов двадцать восемь тысяч сто двадцать пять тенге 00 тиын"):
//!
//! - Kazakh: `жеті миллион жиырма сегіз мың бір жүз жиырма бес теңге 00 тиын`. Every group is counted out,
//!   so a single hundred, thousand or million carries "бір" (`бір жүз`, `бір мың`, `бір миллион`), as the
//!   payment forms of second-tier banks print it; a Kazakh noun after a numeral does not change, so it is
//!   always `теңге` and `тиын`.
//! - Russian: "тенге" is indeclinable (`один тенге`, `два тенге`, `пять тенге`); "тысяча" is feminine
//!   (`одна тысяча`, `две тысячи`, `пять тысяч`); "миллион", "миллиард" are masculine (`один миллион`,
//!   `два миллиона`, `пять миллионов`); the tiyn figures agree with their noun like kopecks do
//!   (`01 тиын`, `02 тиына`, `05 тиынов`, `11 тиынов`, `21 тиын`).
//!
//! Words are lower case: a caller that starts a sentence with them capitalises the first letter.
//! Negative amounts are written with a leading "минус".
//!
//! **Dates.** Kazakh acts date things as "2026 жылғы 24 қараша" and, before a noun, in the attributive
//! locative "2026 жылғы 24 қарашадағы" (the order itself: "2011 жылғы 22 шілдедегі", "2025 жылғы 14
//! қарашадағы»); the suffix follows vowel harmony and the last sound of the month's name, so the twelve
//! forms are listed rather than built. Russian writes "24 ноября 2026 года" in both places.

use jiff::civil::Date;
use kz::Money;

use crate::Lang;

/// The amount in words: tenge in words, tiyn in two figures (see the module documentation).
///
/// ```
/// use kz::Money;
/// use render::{Lang, amount_in_words};
/// let m = Money::from_tiyn(702_812_500);
/// assert_eq!(amount_in_words(m, Lang::Kk), "жеті миллион жиырма сегіз мың бір жүз жиырма бес теңге 00 тиын");
/// assert_eq!(amount_in_words(m, Lang::Ru), "семь миллионов двадцать восемь тысяч сто двадцать пять тенге 00 тиынов");
/// ```
pub fn amount_in_words(amount: Money, lang: Lang) -> String {
    let tiyn = amount.tiyn();
    let abs = tiyn.unsigned_abs();
    let (tenge, rest) = (abs / 100, abs % 100);
    let minus = if tiyn < 0 { "минус " } else { "" };
    match lang {
        Lang::Kk => format!("{minus}{} теңге {rest:02} тиын", kk_number(tenge)),
        Lang::Ru => format!(
            "{minus}{} тенге {rest:02} {}",
            ru_number(tenge, Gender::Masculine),
            ru_plural(rest, ["тиын", "тиына", "тиынов"])
        ),
    }
}

/// A whole number in words (no currency), lower case: `7028125` → "жеті миллион жиырма сегіз мың бір жүз
/// жиырма бес" / "семь миллионов двадцать восемь тысяч сто двадцать пять".
pub fn number_in_words(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Kk => kk_number(n),
        Lang::Ru => ru_number(n, Gender::Masculine),
    }
}

/// The date as acts write it: "2026 жылғы 24 қараша" / "24 ноября 2026 года".
pub fn date_long(date: Date, lang: Lang) -> String {
    let (year, day) = (date.year(), date.day());
    match lang {
        Lang::Kk => format!("{year} жылғы {day} {}", kk_month(date).0),
        Lang::Ru => format!("{day} {} {year} года", ru_month_genitive(date)),
    }
}

/// The date before a noun ("… шешімі"): "2026 жылғы 24 қарашадағы" / "24 ноября 2026 года".
pub fn date_attributive(date: Date, lang: Lang) -> String {
    let (year, day) = (date.year(), date.day());
    match lang {
        Lang::Kk => format!("{year} жылғы {day} {}", kk_month(date).1),
        Lang::Ru => format!("{day} {} {year} года", ru_month_genitive(date)),
    }
}

/// The date in figures as forms print it in tables: `24.11.2026`.
pub fn date_numeric(date: Date) -> String {
    format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
}

/// The month's name and its attributive locative form.
fn kk_month(date: Date) -> (&'static str, &'static str) {
    match date.month() {
        1 => ("қаңтар", "қаңтардағы"),
        2 => ("ақпан", "ақпандағы"),
        3 => ("наурыз", "наурыздағы"),
        4 => ("сәуір", "сәуірдегі"),
        5 => ("мамыр", "мамырдағы"),
        6 => ("маусым", "маусымдағы"),
        7 => ("шілде", "шілдедегі"),
        8 => ("тамыз", "тамыздағы"),
        9 => ("қыркүйек", "қыркүйектегі"),
        10 => ("қазан", "қазандағы"),
        11 => ("қараша", "қарашадағы"),
        _ => ("желтоқсан", "желтоқсандағы"),
    }
}

fn ru_month_genitive(date: Date) -> &'static str {
    match date.month() {
        1 => "января",
        2 => "февраля",
        3 => "марта",
        4 => "апреля",
        5 => "мая",
        6 => "июня",
        7 => "июля",
        8 => "августа",
        9 => "сентября",
        10 => "октября",
        11 => "ноября",
        _ => "декабря",
    }
}

/// Groups of three digits, lowest first: `7028125` → `[125, 28, 7]`.
fn groups(mut n: u64) -> Vec<u64> {
    let mut out = Vec::new();
    while n > 0 {
        out.push(n % 1000);
        n /= 1000;
    }
    out
}

const KK_ONES: [&str; 10] = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"];
const KK_TENS: [&str; 10] = [
    "",
    "он",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
];
/// Scale words by group index (0 = units).
const KK_SCALES: [&str; 6] = ["", "мың", "миллион", "миллиард", "триллион", "квадриллион"];

fn kk_number(n: u64) -> String {
    if n == 0 {
        return "нөл".to_owned();
    }
    let mut words: Vec<&str> = Vec::new();
    for (scale, group) in groups(n).iter().enumerate().rev() {
        if *group == 0 {
            continue;
        }
        kk_triple(*group, &mut words);
        if let Some(word) = KK_SCALES.get(scale).filter(|w| !w.is_empty()) {
            words.push(word);
        }
    }
    words.join(" ")
}

fn kk_triple(n: u64, words: &mut Vec<&'static str>) {
    let (h, t, o) = (n / 100, n / 10 % 10, n % 10);
    if h > 0 {
        words.extend(digit_word(&KK_ONES, h));
        words.push("жүз");
    }
    words.extend(digit_word(&KK_TENS, t));
    words.extend(digit_word(&KK_ONES, o));
}

/// The word for digit `d` in `table`, none for 0.
fn digit_word(table: &[&'static str; 10], d: u64) -> Option<&'static str> {
    usize::try_from(d)
        .ok()
        .and_then(|i| table.get(i))
        .copied()
        .filter(|w| !w.is_empty())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

const RU_ONES_M: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const RU_ONES_F: [&str; 10] = [
    "",
    "одна",
    "две",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const RU_TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const RU_HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];
/// Scale words by group index with their gender and the one/few/many forms.
const RU_SCALES: [(Gender, [&str; 3]); 5] = [
    (Gender::Feminine, ["тысяча", "тысячи", "тысяч"]),
    (Gender::Masculine, ["миллион", "миллиона", "миллионов"]),
    (Gender::Masculine, ["миллиард", "миллиарда", "миллиардов"]),
    (Gender::Masculine, ["триллион", "триллиона", "триллионов"]),
    (Gender::Masculine, ["квадриллион", "квадриллиона", "квадриллионов"]),
];

fn ru_number(n: u64, gender: Gender) -> String {
    if n == 0 {
        return "ноль".to_owned();
    }
    let mut words: Vec<&str> = Vec::new();
    for (scale, group) in groups(n).iter().enumerate().rev() {
        if *group == 0 {
            continue;
        }
        match scale.checked_sub(1).and_then(|i| RU_SCALES.get(i)) {
            Some((scale_gender, forms)) => {
                ru_triple(*group, *scale_gender, &mut words);
                words.push(ru_plural(*group, *forms));
            }
            None => ru_triple(*group, gender, &mut words),
        }
    }
    words.join(" ")
}

fn ru_triple(n: u64, gender: Gender, words: &mut Vec<&'static str>) {
    let (h, t, o) = (n / 100, n / 10 % 10, n % 10);
    words.extend(digit_word(&RU_HUNDREDS, h));
    if t == 1 {
        words.extend(usize::try_from(o).ok().and_then(|i| RU_TEENS.get(i)).copied());
        return;
    }
    words.extend(digit_word(&RU_TENS, t));
    let ones = match gender {
        Gender::Masculine => &RU_ONES_M,
        Gender::Feminine => &RU_ONES_F,
    };
    words.extend(digit_word(ones, o));
}

/// The Russian noun form agreeing with `n`: one (1, 21, 101), few (2–4, 22–24) or many (0, 5–20, 25–30).
fn ru_plural(n: u64, [one, few, many]: [&'static str; 3]) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=14) => many,
        (1, _) => one,
        (2..=4, _) => few,
        _ => many,
    }
}

#[cfg(test)]
mod tests;
