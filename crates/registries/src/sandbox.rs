//! A deterministic synthetic population and the registries that answer from it.
//!
//! The same seed gives the same people on every machine (ChaCha8): families with plausible ages, Kazakh and
//! Russian names with Latin spellings, valid synthetic IINs (unique), addresses in the real regions with a
//! registration history, kandases, job seekers, homes (some bought with a certificate), employers with valid
//! BINs and labour contracts. No real person's data is used; the name lists are common first names and surnames.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::{Date, date};
use kz::{Bin, EntityType, Iin, Kato, Sex};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::{
    AddressRegister, Answer, Cadastre, CivilRegistry, ConsentRequest, DigitalDocument, DigitalDocuments, Evidence,
    Holding, JobSeeker, KandasRegister, KandasStatus, Kinship, LabourContract, LabourContracts, LabourMarket,
    LegalEntities, LegalEntity, Offences, PersonRecord, Registration, RegistryError, Relative, Reply, System,
};

struct Names {
    male: Vec<(&'static str, &'static str)>,
    female: Vec<(&'static str, &'static str)>,
    surnames: Vec<(&'static str, &'static str)>,
}

fn list(text: &'static str) -> Vec<(&'static str, &'static str)> {
    text.lines().filter_map(|l| l.split_once('|')).collect()
}

fn kazakh() -> Names {
    Names {
        male: list(include_str!("../data/male_kk.txt")),
        female: list(include_str!("../data/female_kk.txt")),
        surnames: list(include_str!("../data/surnames_kk.txt")),
    }
}

fn russian() -> Names {
    Names {
        male: list(include_str!("../data/male_ru.txt")),
        female: list(include_str!("../data/female_ru.txt")),
        surnames: list(include_str!("../data/surnames_ru.txt")),
    }
}

/// One synthetic person with everything the registries know about them.
#[derive(Debug, Clone)]
pub struct Resident {
    pub record: PersonRecord,
    /// Index of the household (family) in the population.
    pub household: u32,
    /// Relation to the head of the household; `None` for the head.
    pub kinship: Option<Kinship>,
    pub registrations: Vec<Registration>,
    pub kandas: Option<KandasStatus>,
    pub job_seeker: Option<JobSeeker>,
    pub holdings: Vec<Holding>,
    pub contracts: Vec<LabourContract>,
    pub listed: bool,
}

#[derive(Debug, Clone)]
pub struct Employer {
    pub bin: Bin,
    pub name: String,
    pub region: Kato,
}

/// The synthetic population of a seed.
#[derive(Debug)]
pub struct Population {
    pub seed: u64,
    pub residents: Vec<Resident>,
    pub employers: Vec<Employer>,
    index: HashMap<Iin, usize>,
}

/// Family sizes 1..=8, weighted like the households that resettle.
const SIZE_WEIGHTS: [u32; 8] = [14, 20, 22, 20, 12, 6, 4, 2];

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        items.get(rng.random_range(0..items.len()))
    }
}

fn day(rng: &mut ChaCha8Rng, from: Date, to: Date) -> Date {
    let span = to.since(from).map(|s| s.get_days()).unwrap_or(0).max(1);
    from.checked_add(jiff::Span::new().days(rng.random_range(0..i64::from(span))))
        .unwrap_or(from)
}

/// An IIN for the birth date and sex that no one in `taken` has (about one serial in ten has no check digit).
fn unique_iin(rng: &mut ChaCha8Rng, birth: Date, sex: Sex, taken: &HashMap<Iin, usize>) -> Option<Iin> {
    let start = rng.random_range(0..9000u16);
    (0..1000u16).find_map(|k| {
        let iin = Iin::from_parts(birth, sex, (start + k) % 9999).ok()?;
        (!taken.contains_key(&iin)).then_some(iin)
    })
}

impl Population {
    /// Generates `persons` people (whole families; the last family may be cut short) for `seed`.
    /// `progress` is called with the count generated so far, every few thousand people.
    pub fn generate(seed: u64, persons: usize, mut progress: impl FnMut(usize)) -> Population {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (kk, ru) = (kazakh(), russian());
        let regions = Kato::regions();
        let employers: Vec<Employer> = (0..persons / 200 + 1)
            .filter_map(|i| {
                let region = pick(&mut rng, regions)?;
                let yy = u8::try_from(rng.random_range(5..25u32)).ok()?;
                let mm = u8::try_from(rng.random_range(1..=12u32)).ok()?;
                let bin = (0..100u32).find_map(|k| {
                    Bin::from_parts(
                        yy,
                        mm,
                        EntityType::ResidentLegalEntity,
                        0,
                        (i as u32 * 100 + k) % 100_000,
                    )
                    .ok()
                })?;
                Some(Employer {
                    bin,
                    name: format!("Employer {i:05} LLP"),
                    region: Kato::region_of(region),
                })
            })
            .collect();
        let total_weight: u32 = SIZE_WEIGHTS.iter().sum();
        let mut residents: Vec<Resident> = Vec::with_capacity(persons);
        let mut index: HashMap<Iin, usize> = HashMap::with_capacity(persons);
        let mut household = 0u32;
        while residents.len() < persons {
            let mut w = rng.random_range(0..total_weight);
            let mut size = 1usize;
            for weight in SIZE_WEIGHTS {
                if w < weight {
                    break;
                }
                w -= weight;
                size += 1;
            }
            let kazakh_family = rng.random_bool(0.7);
            let names = if kazakh_family { &kk } else { &ru };
            let kandas = kazakh_family && rng.random_bool(0.12);
            let Some(region) = pick(&mut rng, regions) else { break };
            let home = Kato::region_of(region);
            let registered_since = day(&mut rng, date(2008, 1, 1), date(2026, 6, 30));
            let Some(&(surname, surname_latin)) = pick(&mut rng, &names.surnames) else {
                break;
            };
            let head_birth = day(&mut rng, date(1960, 1, 1), date(2003, 12, 31));
            let head_sex = if rng.random_bool(0.6) { Sex::Male } else { Sex::Female };
            // The name a member's patronymic is made from: the head's and the spouse's own fathers, then
            // for the children whichever parent is the man.
            let head_father = pick(&mut rng, &kk.male).map_or("Серік", |n| n.0);
            let spouse_father = pick(&mut rng, &kk.male).map_or("Болат", |n| n.0);
            let mut male_parent = head_father;
            for member in 0..size.min(persons - residents.len()) {
                let (kinship, sex, birth) = match member {
                    0 => (None, head_sex, head_birth),
                    1 => {
                        let other = if head_sex == Sex::Male { Sex::Female } else { Sex::Male };
                        let offset = rng.random_range(-1800i64..1800);
                        let birth = head_birth
                            .checked_add(jiff::Span::new().days(offset))
                            .unwrap_or(head_birth);
                        (Some(Kinship::Spouse), other, birth)
                    }
                    _ => {
                        let from = head_birth
                            .checked_add(jiff::Span::new().years(20))
                            .unwrap_or(head_birth);
                        let to = head_birth
                            .checked_add(jiff::Span::new().years(42))
                            .unwrap_or(head_birth)
                            .min(date(2026, 6, 30));
                        let sex = if rng.random_bool(0.5) { Sex::Male } else { Sex::Female };
                        (Some(Kinship::Child), sex, day(&mut rng, from, to.max(from)))
                    }
                };
                let given_list = if sex == Sex::Male { &names.male } else { &names.female };
                let Some(&(given, given_latin)) = pick(&mut rng, given_list) else {
                    break;
                };
                let Some(iin) = unique_iin(&mut rng, birth, sex, &index) else {
                    continue;
                };
                // Kazakh patronymics by the father's name; Russian ones are left empty rather than guessed.
                let father = match member {
                    0 => head_father,
                    1 => spouse_father,
                    _ => male_parent,
                };
                if member < 2 && sex == Sex::Male {
                    male_parent = given;
                }
                let patronymic = kazakh_family.then(|| {
                    let suffix = if sex == Sex::Male { "ұлы" } else { "қызы" };
                    format!("{father}{suffix}")
                });
                // -ов/-ев/-ёв surnames take -а for women, in both spellings.
                let feminine = sex == Sex::Female && ["ов", "ев", "ёв"].iter().any(|e| surname.ends_with(e));
                let (surname, surname_latin) = if feminine {
                    (format!("{surname}а"), format!("{surname_latin}a"))
                } else {
                    (surname.to_owned(), surname_latin.to_owned())
                };
                let adult = birth <= date(2008, 1, 1);
                let contracts = if adult && rng.random_bool(0.5) {
                    pick(&mut rng, &employers)
                        .map(|e| {
                            vec![LabourContract {
                                employer: e.bin,
                                start: day(&mut rng, date(2015, 1, 1), date(2026, 6, 30)),
                                end: None,
                            }]
                        })
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                let holdings = if member == 0 && rng.random_bool(0.3) {
                    vec![Holding {
                        kato: home,
                        acquired_on: day(&mut rng, date(2005, 1, 1), date(2026, 6, 30)),
                        with_certificate: rng.random_bool(0.1),
                        seller: None,
                    }]
                } else {
                    Vec::new()
                };
                let record = PersonRecord {
                    iin,
                    surname: surname.clone(),
                    given: given.to_owned(),
                    patronymic,
                    latin: format!("{} {}", surname_latin.to_uppercase(), given_latin.to_uppercase()),
                    sex,
                    birth_date: birth,
                    citizen: !kandas || rng.random_bool(0.5),
                    nationality: if kazakh_family { "kazakh" } else { "russian" },
                };
                index.insert(iin, residents.len());
                residents.push(Resident {
                    record,
                    household,
                    kinship,
                    registrations: vec![Registration {
                        kato: home,
                        since: registered_since,
                        until: None,
                    }],
                    kandas: kandas.then(|| KandasStatus {
                        granted_on: day(&mut rng, date(2018, 1, 1), date(2026, 6, 30)),
                    }),
                    job_seeker: (adult && rng.random_bool(0.4)).then(|| JobSeeker {
                        registered_on: day(&mut rng, date(2024, 1, 1), date(2026, 6, 30)),
                        unemployed: rng.random_bool(0.6),
                    }),
                    holdings,
                    contracts,
                    listed: rng.random_bool(0.001),
                });
                if residents.len().is_multiple_of(16_384) {
                    progress(residents.len());
                }
            }
            household += 1;
        }
        progress(residents.len());
        Population {
            seed,
            residents,
            employers,
            index,
        }
    }

    pub fn get(&self, iin: &Iin) -> Option<&Resident> {
        self.index.get(iin).and_then(|&i| self.residents.get(i))
    }

    /// The members of a household, head first.
    pub fn household(&self, household: u32) -> impl Iterator<Item = &Resident> {
        let start = self.residents.partition_point(|r| r.household < household);
        self.residents
            .iter()
            .skip(start)
            .take_while(move |r| r.household == household)
    }
}

/// FNV-1a: a stable, dependency-free hash for response ids and one-time passwords.
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in *part {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
    }
    h
}

/// The registries of the sandbox, answering from a [`Population`].
#[derive(Debug)]
pub struct SandboxRegistries {
    population: Population,
}

impl SandboxRegistries {
    pub fn new(population: Population) -> SandboxRegistries {
        SandboxRegistries { population }
    }

    pub fn population(&self) -> &Population {
        &self.population
    }

    /// The one-time password the sandbox "sends" for a consent request (demo mode shows it to administrators).
    pub fn otp_for(&self, request: &ConsentRequest) -> String {
        format!("{:06}", fnv(&[b"otp", request.id.as_bytes()]) % 1_000_000)
    }

    fn answer<T>(&self, system: System, iin: &Iin, at: Timestamp, value: impl FnOnce(&Resident) -> T) -> Reply<T> {
        let resident = self.population.get(iin).ok_or(RegistryError::NotFound)?;
        let id = fnv(&[
            system.key().as_bytes(),
            iin.as_str().as_bytes(),
            &self.population.seed.to_le_bytes(),
        ]);
        Ok(Answer {
            value: value(resident),
            evidence: Evidence {
                system,
                requested_at: at,
                response_id: format!("{}-{id:016x}", system.key()),
            },
        })
    }
}

impl LegalEntities for SandboxRegistries {
    fn entity(&self, bin: &Bin, at: Timestamp) -> Reply<LegalEntity> {
        let employer = self
            .population
            .employers
            .iter()
            .find(|e| e.bin == *bin)
            .ok_or(RegistryError::NotFound)?;
        let system = System::LegalEntities;
        let id = fnv(&[
            system.key().as_bytes(),
            bin.as_str().as_bytes(),
            &self.population.seed.to_le_bytes(),
        ]);
        Ok(Answer {
            value: LegalEntity {
                bin: employer.bin,
                name: employer.name.clone(),
                region: employer.region,
            },
            evidence: Evidence {
                system,
                requested_at: at,
                response_id: format!("{}-{id:016x}", system.key()),
            },
        })
    }
}

impl CivilRegistry for SandboxRegistries {
    fn person(&self, iin: &Iin, at: Timestamp) -> Reply<PersonRecord> {
        self.answer(System::CivilRegistry, iin, at, |r| r.record.clone())
    }

    fn relatives(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<Relative>> {
        self.answer(System::CivilRegistry, iin, at, |r| {
            let family: Vec<&Resident> = self.population.household(r.household).collect();
            family
                .iter()
                .filter(|m| m.record.iin != r.record.iin)
                .filter_map(|m| {
                    // m as seen from r: the head and the spouse are each other's spouses and the children's
                    // parents; brothers and sisters are not asked for.
                    let kinship = match (r.kinship, m.kinship) {
                        (None, Some(k)) => k,
                        (Some(Kinship::Spouse), None) => Kinship::Spouse,
                        (Some(Kinship::Spouse), Some(Kinship::Child)) => Kinship::Child,
                        (Some(Kinship::Child), None | Some(Kinship::Spouse)) => Kinship::Parent,
                        (None | Some(Kinship::Spouse | Kinship::Child | Kinship::Parent), _) => return None,
                    };
                    Some(Relative {
                        iin: m.record.iin,
                        kinship,
                    })
                })
                .collect()
        })
    }
}

impl KandasRegister for SandboxRegistries {
    fn kandas_status(&self, iin: &Iin, at: Timestamp) -> Reply<Option<KandasStatus>> {
        self.answer(System::KandasRegister, iin, at, |r| r.kandas.clone())
    }
}

impl AddressRegister for SandboxRegistries {
    fn registrations(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<Registration>> {
        self.answer(System::AddressRegister, iin, at, |r| r.registrations.clone())
    }
}

impl LabourMarket for SandboxRegistries {
    fn job_seeker(&self, iin: &Iin, at: Timestamp) -> Reply<Option<JobSeeker>> {
        self.answer(System::LabourMarket, iin, at, |r| r.job_seeker.clone())
    }
}

impl Cadastre for SandboxRegistries {
    fn holdings(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<Holding>> {
        self.answer(System::Cadastre, iin, at, |r| r.holdings.clone())
    }
}

impl LabourContracts for SandboxRegistries {
    fn contracts(&self, iin: &Iin, at: Timestamp) -> Reply<Vec<LabourContract>> {
        self.answer(System::LabourContracts, iin, at, |r| r.contracts.clone())
    }
}

impl Offences for SandboxRegistries {
    fn listed(&self, iin: &Iin, at: Timestamp) -> Reply<bool> {
        self.answer(System::Offences, iin, at, |r| r.listed)
    }
}

impl DigitalDocuments for SandboxRegistries {
    fn request_consent(&self, iin: &Iin, document: &str, at: Timestamp) -> Result<ConsentRequest, RegistryError> {
        self.population.get(iin).ok_or(RegistryError::NotFound)?;
        let id = fnv(&[
            iin.as_str().as_bytes(),
            document.as_bytes(),
            &at.as_second().to_le_bytes(),
        ]);
        Ok(ConsentRequest {
            id: format!("consent-{id:016x}"),
            iin: *iin,
            document: document.to_owned(),
        })
    }

    fn fetch(&self, request: &ConsentRequest, otp: &str, at: Timestamp) -> Reply<DigitalDocument> {
        if otp.trim() != self.otp_for(request) {
            return Err(RegistryError::OtpInvalid);
        }
        let number = fnv(&[request.id.as_bytes(), b"number"]) % 1_000_000_000;
        self.answer(System::DigitalDocuments, &request.iin, at, |_| DigitalDocument {
            kind: request.document.clone(),
            number: format!("{number:09}"),
            valid_until: Some(date(2030, 12, 31)),
        })
    }
}
