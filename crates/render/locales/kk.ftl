# Qonys message catalog: Kazakh (default language).
# Keys are the stable codes the program returns; a test checks kk and ru have the same keys.

## Identification numbers and values

iin_length = ЖСН 12 цифрдан тұруы керек
iin_not_digits = ЖСН тек цифрлардан тұруы керек
iin_century_digit = ЖСН-ның 7-цифры ғасыр мен жынысты білдіреді және 1-ден 6-ға дейін болуы керек
iin_birth_date = ЖСН-ның алғашқы алты цифры нақты туған күнді білдірмейді
iin_check_digit = ЖСН-ның бақылау цифры сәйкес келмейді
iin_unusable = Мұндай ЖСН берілмейді: бақылау цифрын есептеу мүмкін емес
iin_serial = ЖСН-ның реттік нөмірі 0-ден 9999-ға дейін болуы керек
bin_length = БСН 12 цифрдан тұруы керек
bin_not_digits = БСН тек цифрлардан тұруы керек
bin_month = БСН-ның 3–4-цифрлары тіркелген айды білдіреді (01–12)
bin_entity_type = БСН-ның 5-цифры заңды тұлға түрін білдіреді (4, 5 немесе 6)
bin_check_digit = БСН-ның бақылау цифры сәйкес келмейді
bin_unusable = Мұндай БСН берілмейді: бақылау цифрын есептеу мүмкін емес
bin_serial = БСН-ның реттік нөмірі тым үлкен
iban_length = ЖСК (IBAN) KZ-тен басталатын 20 таңбадан тұруы керек
iban_country = ЖСК (IBAN) KZ әріптерінен басталуы керек
iban_characters = ЖСК (IBAN) тек латын әріптері мен цифрлардан тұруы керек
iban_bank_code = ЖСК (IBAN) ішіндегі банк коды үш цифрдан тұруы керек
iban_checksum = ЖСК (IBAN) бақылау сандары сәйкес келмейді: шот нөмірін тексеріңіз
kato_length = ӘАОЖ (КАТО) коды 9 цифрдан тұруы керек
kato_not_digits = ӘАОЖ (КАТО) коды тек цифрлардан тұруы керек
kato_region = ӘАОЖ (КАТО) кодының алғашқы екі цифры облысты немесе республикалық маңызы бар қаланы білдірмейді
money_format = Соманы цифрмен жазыңыз, мысалы 108125,00
money_precision = Сомада үтірден кейін екі цифрдан артық болмауы керек
money_negative = Сома теріс болмауы керек
money_overflow = Сома тым үлкен
mci_format = АЕК санын бүтін санмен жазыңыз, мысалы 1625
mci_overflow = АЕК саны тым үлкен

## Calendar and dates

calendar_year_not_covered = { $year } жылдың жұмыс күндері күнтізбесі жүйеде жоқ: мерзімді есептеу мүмкін емес
calendar_ambiguous_month_end = Бұл күнге айлар қосу нәтижесі анық емес (айдың соңы): ережені көрсетіңіз
calendar_overflow = Күн рұқсат етілген шектен шығады
calendar_invalid_data = Күнтізбе деректерінде қате бар
invalid_date = Күнді ЖЖЖЖ-АА-КК пішімінде жазыңыз, мысалы 2026-03-18
invalid_month = Айды ЖЖЖЖ-АА пішімінде жазыңыз, мысалы 2026-03
invalid_number = Оң бүтін санды жазыңыз
invalid_locality = Елді мекен түрі: urban (қала) немесе rural (ауыл)
unknown_time_limit = Мұндай мерзім жоқ: тізімін `qonys law params` командасы көрсетеді

## Law parameters

edition_not_covered = Бұл күнге қолданылатын құқықтық норманың редакциясы жүйеде жоқ
edition_not_after_last = Жаңа мән соңғы редакциядан кейін басталуы керек
edition_end_before_start = Редакцияның аяқталу күні басталу күнінен бұрын
edition_overlap = Редакциялардың мерзімдері қиылысады
edition_empty = Параметрдің бірде-бір редакциясы жоқ
amount_overflow = Сома тым үлкен: деректерді тексеріңіз
invalid_input_zero_count = Сан нөлден үлкен болуы керек
invalid_input_zero_amount = Сома нөлден үлкен болуы керек
unsupported_time_limit = Бұл мерзімді есептеу тәсілі қолданылмайды

## Grounds for refusal

rent_max_months_reached = Өтемақы он екі айдан артық төленбейді (71-тармақ)
rent_state_or_service_housing = Мемлекеттік тұрғын үй қорынан жалға алынған тұрғын үй және (немесе) қызметтік тұрғын үй берілген (72-тармақ)
rent_labour_relation_duties = Еңбек қатынастарының сипатына байланысты міндеттерді орындау кезеңі, оның ішінде мемлекеттік қызметшілердің ротациясы (72-тармақ)
rent_active_measures_participant = Жұмыспен қамтуға жәрдемдесудің белсенді шараларына қатысушы (72-тармақ)
rent_employer_housing = Жұмыс беруші тұрғын үй берген (72-тармақ)
rent_housing_purchased = Тұрғын үй меншікке сатып алынды, оның ішінде сертификат бойынша (72-тармақ)
rent_evicted = Алушы тұрғын үйден шығарылды (72-тармақ)
rent_departed = Алушы басқа елді мекенге немесе қабылдау өңірінен тыс жерге тұрақты тұруға кетті (72-тармақ)
rent_not_living_at_address = Алушы жалдау шартында көрсетілген мекенжайда тұрмайды (72-тармақ)
rent_sublet = Жалға алынған тұрғын үй қосымша жалға берілді (72-тармақ)
rent_false_information = Бұрмаланған немесе жалған мәліметтер ұсынылды (72-тармақ)
emc_missing_documents = 68-тармақтың бірінші бөлігінде көзделген құжаттар ұсынылмады
emc_unreliable_data = Ұсынылған құжаттардағы деректердің анық еместігі анықталды
emc_cadastre_grounds = Жылжымайтын мүлік кадастрынан 76-тармақта көзделген негіздер алынды
emc_outside_destination = Тұрғын үй қоныс аударуға жолдамада көрсетілген межелі елді мекеннен тыс сатып алынды
emc_already_bought_with_certificate = Тұрғын үй бұрын сертификат бойынша ақшалай төлеммен сатып алынған
emc_outside_financial_year = Сертификатқа өтініш тиісті қаржы жылынан тыс берілді (73-тармақ)
deadline_missed = Өтініш өңірлік квотаға енгізілген сәттен бастап алты ай өткен соң берілді (73-тармақ)
restoration_late = Мерзімді қалпына келтіру туралы өтінішхат мерзім өткеннен кейін үш айдан кеш берілді (73-тармақ)
restoration_no_evidence = Өтінішхатқа өтініш берушіге байланысты емес мән-жайларды растайтын құжат қоса берілмеген (73-тармақ)

## Command-line output

out_measure_rent_compensation = Тұрғын үйді жалдау және коммуналдық қызметтерге ақы төлеу шығыстарын өтеу
out_measure_certificate = Экономикалық мобильділік сертификаты бойынша ақшалай төлем
out_measure_employer_subsidy = Жұмыс берушіге жұмыспен қамту субсидиясы
out_measure_relocation_subsidy = Көшуге субсидия
out_granted = Тағайындалады
out_refused = Тағайындалмайды
out_amount = Сома
out_basis = Құқықтық негіз
out_parameters = Қолданылған параметрлер
out_facts = Пайдаланылған деректер
out_reason = Себебі
out_due = Мерзімнің соңғы күні
out_skipped = Жұмыс емес күндер
out_working = Жұмыс күні
out_not_working = Жұмыс емес күн
out_valid = Дұрыс
out_invalid = Қате
out_unknown_bank = Банк анықтамалықта жоқ
reason_weekday = жұмыс күні
reason_weekend = демалыс күні
reason_holiday = мереке: { $name }
reason_carried_over = { $date } күнгі мерекенің ({ $name }) ауыстырылған демалысы
reason_transferred_day_off = { $date } күнгі жұмыс күнінің орнына берілген демалыс ({ $act })
reason_transferred_working_day = { $date } күнгі демалыстың орнына жұмыс күні ({ $act })
dow_1 = дүйсенбі
dow_2 = сейсенбі
dow_3 = сәрсенбі
dow_4 = бейсенбі
dow_5 = жұма
dow_6 = сенбі
dow_7 = жексенбі
not_found = Сұралған жазба табылмады: { $detail }
version_conflict = Іс сіз ашқаннан кейін өзгерді: жаңартып, қайта шешім қабылдаңыз ({ $detail })
quota_exhausted = Квотада бос орын қалмады ({ $detail })
quota_below_allocated = Квотаның көлемін бөлінген орындардан азайтуға болмайды ({ $detail })
idempotency_mismatch = Бұл сұрау кілті басқа әрекет үшін пайдаланылған ({ $detail })
store_corrupt = Дерекқордағы жазба бүлінген ({ $detail })
store_unavailable = Дерекқор қолжетімсіз ({ $detail })
invalid_category = Санат: kandas (қандас) немесе resettler (қоныс аударушы)
invalid_unit = Өлшем бірлігі: persons (адамдар) немесе families (отбасылар)
invalid_kato = ӘАОЖ (КАТО) коды қате
invalid_account = Есептік жазба атауы 1–64 таңбадан тұрады: әріптер, цифрлар және . _ : @ -
out_audit_intact = Аудит журналы бүтін: { $count } жазба тексерілді
out_audit_broken = Аудит журналы бұзылған: №{ $seq } жазба ({ $kind }); оған дейін { $count } жазба тексерілді
audit_break_edited = жазба өзгертілген
audit_break_link_broken = алдыңғы жазбамен байланыс үзілген
audit_break_missing = жазба жойылған
audit_break_truncated = журналдың соңғы жазбалары жойылған
