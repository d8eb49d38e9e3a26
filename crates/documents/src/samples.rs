//! A filled example of every form, from a synthetic case: for `qonys document sample`, the tests and the
//! review of the templates.
//!
//! Every person is invented: the IINs are built with [`Iin::from_parts`] (a real date, a valid check digit)
//! and belong to nobody known; the account is the synthetic IBAN of the `kz` crate's examples.

use jiff::civil::{Date, date};
use kz::{Iban, Iin, Money, Sex};

use crate::data::{Bilingual, FormData, Row, Signatory, Value};
use crate::error::DocumentError;

/// The demo official (a login of the demo accounts) who signs the sample of `form`.
pub fn signer_login(form: &str) -> &'static str {
    match form {
        "order-359-app-2" | "order-359-app-3" | "order-359-app-5" | "order-359-app-6" | "order-359-app-1" => {
            "demo.akimat.pavlodar"
        }
        "order-359-app-4" | "rules-a-app-7" | "rules-a-app-8" => "demo.sc.pavlodar",
        "order-359-app-7" => "demo.employer",
        "order-359-app-10" | "order-359-app-11" | "order-359-app-12" | "order-359-app-13" => "demo.cc.north",
        _ => "demo.lmc.pavlodar",
    }
}

/// A demo official: login, name, position (kk, ru) and body (kk, ru).
pub type DemoOfficial = (
    &'static str,
    &'static str,
    (&'static str, &'static str),
    (&'static str, &'static str),
);

/// The demo officials. The logins are the demo accounts of `qonys serve --demo`.
pub const OFFICIALS: &[DemoOfficial] = &[
    (
        "demo.akimat.pavlodar",
        "Жұмабаев Нұрлан Серікұлы",
        ("Басшы", "Руководитель"),
        (
            "Павлодар облысының жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы",
            "Управление координации занятости и социальных программ Павлодарской области",
        ),
    ),
    (
        "demo.sc.pavlodar",
        "Ахметова Гүлнар Бақытқызы",
        (
            "Мемлекеттік корпорацияның маманы",
            "Специалист Государственной корпорации",
        ),
        (
            "\"Азаматтарға арналған үкімет\" мемлекеттік корпорациясының Павлодар облысы бойынша филиалы",
            "Филиал Государственной корпорации \"Правительство для граждан\" по Павлодарской области",
        ),
    ),
    (
        "demo.cc.north",
        "Қасымов Ғалым Өмірұлы",
        ("Мансап орталығының директоры", "Директор карьерного центра"),
        (
            "Солтүстік Қазақстан облысы Қызылжар ауданының мансап орталығы",
            "Карьерный центр Кызылжарского района Северо-Казахстанской области",
        ),
    ),
    (
        "demo.lmc.pavlodar",
        "Сапарова Айгүл Маратқызы",
        ("Басшы", "Руководитель"),
        (
            "Павлодар облысының еңбек мобильділігі орталығы",
            "Центр трудовой мобильности Павлодарской области",
        ),
    ),
    (
        "demo.commission.pavlodar",
        "Бекова Сәуле Ұларқызы",
        ("Өңірлік комиссияның хатшысы", "Секретарь региональной комиссии"),
        (
            "Павлодар облысының халықты жұмыспен қамту мәселелері жөніндегі өңірлік комиссиясы",
            "Региональная комиссия по вопросам занятости населения Павлодарской области",
        ),
    ),
    (
        "demo.appeal",
        "Тәжібаев Ерболат Һашимұлы",
        ("Бас маман", "Главный специалист"),
        (
            "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
            "Министерство труда и социальной защиты населения Республики Казахстан",
        ),
    ),
    (
        "demo.employer",
        "Омаров Бауыржан Қайратұлы",
        ("Директор", "Директор"),
        ("\"Ертіс Құрылыс\" ЖШС", "ТОО \"Ертіс Құрылыс\""),
    ),
    (
        "demo.analyst",
        "Үмбетова Жанар Ілиясқызы",
        ("Талдаушы", "Аналитик"),
        (
            "Павлодар облысының еңбек мобильділігі орталығы",
            "Центр трудовой мобильности Павлодарской области",
        ),
    ),
    (
        "demo.admin",
        "Ысқақов Дәурен Нұрланұлы",
        ("Жүйе әкімшісі", "Администратор системы"),
        (
            "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі",
            "Министерство труда и социальной защиты населения Республики Казахстан",
        ),
    ),
];

fn official(login: &str) -> (Bilingual, Signatory) {
    let found = OFFICIALS.iter().find(|o| o.0 == login).or(OFFICIALS.first());
    match found {
        Some((_, name, (pos_kk, pos_ru), (org_kk, org_ru))) => (
            Bilingual::new(*org_kk, *org_ru),
            Signatory {
                name: (*name).to_owned(),
                position: Bilingual::new(*pos_kk, *pos_ru),
            },
        ),
        None => (
            Bilingual::new("", ""),
            Signatory {
                name: String::new(),
                position: Bilingual::new("", ""),
            },
        ),
    }
}

/// The decision date of every sample.
pub const SAMPLE_DATE: Date = date(2026, 11, 24);

/// A person of the synthetic case.
struct Person {
    name: &'static str,
    born: Date,
    sex: Sex,
    serial: u16,
    relation: (&'static str, &'static str),
}

const APPLICANT: Person = Person {
    name: "Серікбаев Ерлан Болатұлы",
    born: date(1990, 3, 15),
    sex: Sex::Male,
    serial: 4417,
    relation: ("өзі", "заявитель"),
};

const FAMILY: [Person; 3] = [
    Person {
        name: "Серікбаева Құралай Асқарқызы",
        born: date(1992, 7, 2),
        sex: Sex::Female,
        serial: 2290,
        relation: ("жұбайы", "супруга"),
    },
    Person {
        name: "Ерланұлы Әлихан",
        born: date(2016, 9, 20),
        sex: Sex::Male,
        serial: 5113,
        relation: ("ұлы", "сын"),
    },
    Person {
        name: "Ерланқызы Үміт",
        born: date(2019, 12, 5),
        sex: Sex::Female,
        serial: 6061,
        relation: ("қызы", "дочь"),
    },
];

fn iin(p: &Person) -> Result<Iin, DocumentError> {
    // About one serial in eleven has no check digit: take the next one, as the register would.
    (p.serial..p.serial.saturating_add(20))
        .find_map(|serial| Iin::from_parts(p.born, p.sex, serial).ok())
        .ok_or_else(|| DocumentError::WrongValue {
            form: "sample".into(),
            field: "iin".into(),
        })
}

fn address() -> Bilingual {
    Bilingual::new(
        "Павлодар облысы, Павлодар қаласы, Естай көшесі, 12-үй, 45-пәтер",
        "Павлодарская область, город Павлодар, улица Естая, дом 12, квартира 45",
    )
}

fn new_address() -> Bilingual {
    Bilingual::new(
        "Солтүстік Қазақстан облысы, Қызылжар ауданы, Бескөл ауылы, Ғабит Мүсірепов көшесі, 7-үй",
        "Северо-Казахстанская область, Кызылжарский район, село Бесколь, улица Габита Мусрепова, дом 7",
    )
}

fn person_row(p: &Person, new_home: bool) -> Result<Row, DocumentError> {
    Ok(Row::new()
        .with("iin", iin(p)?)
        .with("name", p.name)
        .with("birth_date", p.born)
        .with("sex", p.sex)
        .with("relation", Bilingual::new(p.relation.0, p.relation.1))
        .with(
            "citizenship",
            Bilingual::new("Қазақстан Республикасы", "Республика Казахстан"),
        )
        .with("nationality", Bilingual::new("қазақ", "казах"))
        .with("status", Bilingual::new("жұмыссыз", "безработный"))
        .with("address", if new_home { new_address() } else { address() }))
}

fn with_applicant(mut data: FormData) -> Result<FormData, DocumentError> {
    data = data
        .set("applicant.name", APPLICANT.name)
        .set("applicant.iin", iin(&APPLICANT)?)
        .set("applicant.birth_date", APPLICANT.born)
        .set("applicant.sex", APPLICANT.sex)
        .set("applicant.address", address());
    Ok(data)
}

fn with_family(mut data: FormData, table: &str, new_home: bool) -> Result<FormData, DocumentError> {
    for p in &FAMILY {
        data = data.row(table, person_row(p, new_home)?);
    }
    Ok(data)
}

fn account() -> Result<Iban, DocumentError> {
    Iban::parse("KZ186010001234567890").map_err(|_| DocumentError::WrongValue {
        form: "sample".into(),
        field: "account.iban".into(),
    })
}

fn bank() -> Value {
    Value::Local(Bilingual::new(
        "\"Қазақстан Халық Банкі\" АҚ, БСН 940140000385, БСК HSBKKZKX, KZ186010001234567890",
        "АО \"Народный Банк Казахстана\", БИН 940140000385, БИК HSBKKZKX, KZ186010001234567890",
    ))
}

fn region() -> Value {
    Value::Local(Bilingual::new("Павлодар", "Павлодарской"))
}

fn choice(keys: &[&str]) -> Value {
    Value::Choice(keys.iter().map(|k| (*k).to_owned()).collect())
}

/// The sample of `form`, numbered `QN-55-2026-000123`-style and dated [`SAMPLE_DATE`].
pub fn sample(form: &str) -> Result<FormData, DocumentError> {
    let (issuer, signatory) = official(signer_login(form));
    let number = match form {
        "order-359-app-1" => "STD-A2-2026".to_owned(),
        _ => format!(
            "QN-55-2026-{:06}",
            100 + crate::form_ids().iter().position(|f| *f == form).unwrap_or(0)
        ),
    };
    let base = FormData::new(form, &number, SAMPLE_DATE, issuer, signatory);
    let application = |d: FormData| {
        d.set("application.number", "QN-55-2026-000042")
            .set(
                "application.status",
                Bilingual::new("Қарау аяқталды", "Рассмотрение завершено"),
            )
            .set(
                "application.type",
                Bilingual::new("Өңірлік квотаға енгізу", "Включение в региональную квоту"),
            )
            .set("application.accepted", date(2026, 11, 5))
            .set("application.executed", SAMPLE_DATE)
    };
    let data = match form {
        "order-359-app-1" => base,
        "order-359-app-2" | "order-359-app-5" => with_family(with_applicant(base)?, "family", false)?,
        "order-359-app-3" | "order-359-app-6" => {
            let mut d = application(base).set(
                "grounds",
                Bilingual::new(
                    "ұсынылған құжаттарда қамтылған деректердің (мәліметтердің) анық еместігі анықталды (1-тармақша): туу туралы куәліктегі туған күні \"Азаматтарға арналған үкімет\" мемлекеттік корпорациясының деректерімен сәйкес келмейді.",
                    "установлена недостоверность данных (сведений), содержащихся в представленных документах (подпункт 1): дата рождения в свидетельстве о рождении не совпадает с данными Государственной корпорации \"Правительство для граждан\".",
                ),
            );
            d = d.row("recipients", person_row(&APPLICANT, false)?);
            with_family(d, "recipients", false)?
        }
        "order-359-app-4" => {
            let d = with_applicant(base)?
                .set("request", choice(&["me_and_family"]))
                .set("employment", choice(&["unemployed"]))
                .set(
                    "attachments",
                    Bilingual::new(
                        "жеке басын куәландыратын құжаттардың көшірмелері, неке туралы куәліктің көшірмесі, жұмыссыз ретінде тіркеу туралы құжат",
                        "копии документов, удостоверяющих личность, копия свидетельства о заключении брака, документ о регистрации в качестве безработного",
                    ),
                )
                .set(
                    "accepted_by",
                    "Ахметова Гүлнар Бақытқызы, Мемлекеттік корпорацияның маманы",
                );
            with_family(d, "family", false)?
        }
        "order-359-app-7" => base
            .set("employer.basis", Bilingual::new("Жарғы", "Устава"))
            .set(
                "employer.representative",
                Bilingual::new(
                    "директор Омаров Бауыржан Қайратұлы",
                    "директор Омаров Бауыржан Қайратұлы",
                ),
            )
            .row(
                "workers",
                Row::new()
                    .with("name", APPLICANT.name)
                    .with("order", "№ 118-ж, 02.11.2026")
                    .with("position", Bilingual::new("электр дәнекерлеуші", "электросварщик"))
                    .with("salary", Money::from_tiyn(38_500_000)),
            ),
        "order-359-app-8" => base
            .set("region", region())
            .set("employer.name", Bilingual::new("\"Ертіс Құрылыс\" ЖШС", "ТОО \"Ертіс Құрылыс\""))
            .set("account.iban", account()?)
            .set("account.bank", bank())
            .row(
                "workers",
                Row::new()
                    .with("name", format!("{} ({})", APPLICANT.name, iin(&APPLICANT)?.as_str()))
                    .with("position", Bilingual::new("электр дәнекерлеуші", "электросварщик"))
                    .with("mci", Value::Count(400))
                    .with("amount", Money::from_tiyn(173_000_000)),
            ),
        "order-359-app-9" => base
            .set("region", region())
            .set("employer.name", Bilingual::new("\"Ертіс Құрылыс\" ЖШС", "ТОО \"Ертіс Құрылыс\""))
            .set("account.iban", account()?)
            .set("account.bank", bank())
            .row(
                "workers",
                Row::new()
                    .with("name", format!("{} ({})", APPLICANT.name, iin(&APPLICANT)?.as_str()))
                    .with("position", Bilingual::new("электр дәнекерлеуші", "электросварщик"))
                    .with("amount", Money::from_tiyn(120_000_050)),
            ),
        "order-359-app-10" => {
            let d = with_applicant(base)?
                .set("district", Bilingual::new("Қызылжар", "Кызылжарского"))
                .set("request", choice(&["me_and_family"]))
                .set(
                    "attachments",
                    Bilingual::new(
                        "жеке басын куәландыратын құжаттың көшірмесі, неке туралы куәліктің көшірмесі",
                        "копия документа, удостоверяющего личность, копия свидетельства о заключении брака",
                    ),
                );
            with_family(d, "family", true)?
        }
        "order-359-app-11" => {
            let d = with_applicant(base)?
                .set("commission.date", date(2026, 11, 10))
                .set("commission.number", "17")
                .set("destination", Bilingual::new(
                    "Солтүстік Қазақстан облысы, Қызылжар ауданы, Бескөл ауылы",
                    "село Бесколь Кызылжарского района Северо-Казахстанской области",
                ))
                .set("occupation", Bilingual::new("электр дәнекерлеуші", "электросварщик"));
            with_family(d, "family", true)?
        }
        "order-359-app-12" => with_applicant(base)?
            .set("district", Bilingual::new("Қызылжар", "Кызылжарского"))
            .set("purpose", choice(&["purchase"]))
            .set("account.bank", bank())
            .set("housing.address", Bilingual::new(
                "Қызылжар ауданы, Бескөл ауылы, Ғабит Мүсірепов көшесі, 7-үй",
                "Кызылжарский район, село Бесколь, улица Габита Мусрепова, дом 7",
            ))
            .set("application.date", date(2026, 11, 20))
            .set("attachments.count", Value::Count(5)),
        "order-359-app-13" => {
            let d = with_applicant(base)?
                .set("district", Bilingual::new("Қызылжар", "Кызылжарский"))
                .set("request", choice(&["relocation", "rent"]))
                .set("account.bank", bank())
                .set("actual.address", new_address());
            with_family(d, "family", true)?
        }
        "order-359-app-14" => base
            .set("region", region())
            .set("amount", Money::from_tiyn(702_812_500))
            .set("account.iban", account()?)
            .set("account.bank", bank())
            .row(
                "payees",
                Row::new()
                    .with("name", APPLICANT.name)
                    .with("address", new_address())
                    .with("amount", Money::from_tiyn(702_812_500)),
            ),
        "order-359-app-15" | "order-359-app-16" => {
            let mut d = base
                .set("region", region())
                .set("account.iban", account()?)
                .set("account.bank", bank());
            let (mci, tiyn) = if form == "order-359-app-15" {
                (70, 30_275_000)
            } else {
                (6, 2_595_000)
            };
            for p in std::iter::once(&APPLICANT).chain(FAMILY.iter()) {
                d = d.row(
                    "payees",
                    Row::new()
                        .with("name", p.name)
                        .with("mci", Value::Count(mci))
                        .with("amount", Money::from_tiyn(tiyn)),
                );
            }
            d
        }
        "order-359-app-17" => application(with_applicant(base)?)
            .set("region", region())
            .set("ground", "4")
            .set(
                "justification",
                Bilingual::new(
                    "Сатып алынатын тұрғын үй жолдамада көрсетілген қоныс аударатын елді мекеннен тыс орналасқан (Петропавл қаласы, жолдамада – Бескөл ауылы).",
                    "Приобретаемое жилье расположено вне населенного пункта переселения, указанного в направлении (город Петропавловск, в направлении – село Бесколь).",
                ),
            ),
        "rules-a-app-7" => with_applicant(base)?
            .set("application.number", "QN-55-2026-000042")
            .set("application.accepted", date(2026, 11, 5))
            .set(
                "application.channel",
                Bilingual::new("Мемлекеттік корпорация", "Государственная корпорация"),
            )
            .set(
                "provider",
                Bilingual::new(
                    "Павлодар облысының жұмыспен қамтуды үйлестіру және әлеуметтік бағдарламалар басқармасы",
                    "Управление координации занятости и социальных программ Павлодарской области",
                ),
            )
            .set("forwarded", date(2026, 11, 5))
            .row(
                "documents",
                Row::new()
                    .with("name", Bilingual::new("Өтініш (6-қосымша)", "Заявление (приложение 6)"))
                    .with("sheets", Value::Count(2)),
            )
            .row(
                "documents",
                Row::new()
                    .with("name", Bilingual::new("Жеке басын куәландыратын құжаттың көшірмесі", "Копия документа, удостоверяющего личность"))
                    .with("sheets", Value::Count(1)),
            ),
        "rules-a-app-8" => with_applicant(base)?
            .set("application.submitted", date(2026, 11, 5))
            .set("ground", choice(&["incomplete"]))
            .row(
                "documents",
                Row::new()
                    .with("name", Bilingual::new("Еңбек қызметін растайтын құжат", "Документ, подтверждающий трудовую деятельность"))
                    .with("reason", Bilingual::new("ұсынылмаған", "не представлен")),
            ),
        other => return Err(DocumentError::UnknownForm { form: other.to_owned() }),
    };
    Ok(data)
}
