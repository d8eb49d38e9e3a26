ui-law-title = Заң параметрлері мен квоталар
ui-law-help = Осы күні күшінде тұрған параметрлер:
ui-params = Параметрлер
ui-quotas = Осы жылдың квоталары
amend_unknown_parameter = Мұндай параметр жоқ
amend_value_invalid = Мәні TOML пішімінде жазылмаған (мысалы, 4500 немесе {"{"} count = 1, unit = "working_days", direction = "after" {"}"})
amend_year_not_covered = Бұл жылдың күнтізбе деректері жоқ
amend_rejected = Заң бұл өзгерісті қабылдамайды: төмендегі себепті қараңыз
ui-law-amended = Өзгеріс тіркелді; ол көрсетілген күннен бастап күшіне енеді
ui-law-amended-moved = Өзгеріс тіркелді; ол көрсетілген күннен бастап күшіне енеді. { $count } істің жүріп жатқан мерзімі жаңа күнтізбе бойынша қайта есептелді.
ui-quota-saved = Квота сақталды
ui-unit-persons = адам
ui-unit-families = отбасы
ui-confidence-high = жоғары
ui-confidence-medium = орташа
ui-confidence-low = төмен
ui-holiday-kind-national = ұлттық мереке
ui-holiday-kind-state = мемлекеттік мереке
ui-holiday-kind-religious = діни мереке
ui-amendments = Заңға енгізілген өзгерістер
ui-amendments-help = Әр өзгеріс заң деректеріне енгізіліп, барлық тексерістерден қайта өтеді және аудит журналына жазылады.
ui-no-amendments = Әлі өзгеріс енгізілмеген: кіріктірілген заң деректері қолданылады.
ui-value-mci = { $count } АЕК
ui-value-mci_per_worker = бір жұмыскерге { $count } АЕК
ui-value-mci_per_person = бір адамға { $count } АЕК
ui-value-rent-bracket = { $from } адамнан бастап — { $mci } АЕК
ui-value-rent = Қалада: { $urban }; ауылда: { $rural }; ең көбі { $months } ай
ui-conversion-first_day_of_month = төлем қай ай үшін жасалса, сол айдың бірінші күні
ui-conversion-decision_date = төлем туралы шешім қабылданған күн
ui-value-conversion = Жалдау шығыстарын өтеу: { $rent }; сертификат: { $certificate }; жұмыс берушіге субсидия: { $employer }; көшуге субсидия: { $relocation }
ui-value-financial_year = Ағымдағы қаржы жылы: { $start } – { $end }
ui-value-effect-record_only = Өтініште тіркеледі және көрсетіледі; сомаға және қарау кезегіне әсер етпейді
amendment-edition = { $parameter }: { $value }, { $start } күнінен бастап ({ $reference })
amendment-edition-until = { $parameter }: { $value }, { $start } күнінен { $end } күніне дейін ({ $reference })
amendment-transfer = Демалыс күні ауыстырылды: { $day_off } демалыс, { $working_day } жұмыс күні ({ $act })
amendment-holiday = Мереке күні: { $date } ({ $key })
amendment-withdrawal = № { $seq } өзгерістің күші жойылды: { $reason }
ui-amend-edition-title = Параметрдің жаңа редакциясы
ui-amend-transfer-title = Демалыс күнін ауыстыру
ui-amend-holiday-title = Мереке күні
ui-amend-submit = Өзгерісті енгізу
ui-amend-preview = Алдын ала қарау
ui-preview-title = Бұл өзгеріс енгізілсе, жүріп жатқан мерзімдер
ui-preview-help = Өзгеріс әлі енгізілген жоқ: ештеңе жазылмады. Енгізу үшін төмендегі нысанда «Өзгерісті енгізу» батырмасын басыңыз.
ui-preview-none = Бұл өзгеріс жүріп жатқан бірде-бір мерзімді жылжытпайды.
ui-amend-start = Күшіне енетін күні
ui-amend-end = Күші жойылатын күні (міндетті емес)
ui-amend-value-help = TOML мәні: АЕК үшін 4500, мерзім үшін {"{"} count = 1, unit = "working_days", direction = "after" {"}"}
ui-amend-act = Құқықтық акт
ui-amend-act-help = Акт кілті: budget-law-2027, rules-a, rules-b, order-359, labour-code
ui-amend-point = Бап немесе тармақ
ui-amend-confidence = Дереккөздің сенімділігі
ui-amend-source = Дереккөз (жарияланған жері)
ui-amend-day-off = Демалыс болатын жұмыс күні
ui-amend-working-day = Жұмыс күні болатын демалыс күні
ui-amend-date = Күні
ui-amend-holiday = Мереке
ui-amend-holiday-kind = Мерекенің түрі
ui-amend-carried-over = Ауыстырылған демалыс күндері
ui-amend-carried-over-help = Ұлттық немесе мемлекеттік мереке сенбіге немесе жексенбіге түссе, келесі жұмыс күні демалыс болады (діни мерекелер ауыстырылмайды): сол күндерді үтір арқылы жазыңыз (ЖЖЖЖ-АА-КК)
ui-amend-year = Жыл
ui-quota-unit = Өлшем бірлігі
ui-quota-basis = Негіздеме (шешімнің нөмірі мен күні)
ui-quota-set-title = Квотаны белгілеу
amend_nothing_to_withdraw = Кері қайтарып алатын өзгеріс жоқ: нөмірін тексеріңіз (бұрын енгізілген, әлі күшіндегі өзгеріс болуы керек)
## Law parameters, as the administrator's law page names them
param-mci = Айлық есептік көрсеткіш (АЕК), бір АЕК-тің теңгемен мәні
param-mci_conversion = АЕК-пен берілген соманы теңгеге аударатын күн
param-financial_year = Қаржы жылының бірінші күні (ай және күн)
param-rules-a-kandas-intake = Қандастың өтінішін қабылдау тәртібі (Қандастар мен қоныс аударушыларды қабылдаудың өңірлік квотасына енгізу қағидаларының бұйрыққа дейінгі редакциясы)
param-rules-a-commissions = Комиссияның ұсынымы немесе шешімі бойынша қабылданатын квота туралы шешімдер
param-rules-a-quota-documents = Квотаға енгізу үшін ұсынылатын құжаттар тізбесі
param-rules-a-revocation = Өңірлік квотаға енгізу туралы шешімнің күшін жою негізі
param-rules-b-p67-certificate = Экономикалық мобильділік сертификатының мөлшері, АЕК; төлем нақты бағаланған құннан аспайды
param-rules-b-p67-differentiation = Сертификат бойынша төлем үшін өтініш берушілерді төрт санат бойынша саралаудың салдары
param-rules-b-p71-rent_compensation = Тұрғын үйді жалдау және коммуналдық қызметтерге ақы төлеу шығыстарын өтеу, айына АЕК, елді мекен түрі мен отбасы құрамы бойынша
param-rules-b-p36-employer_subsidy = Жұмысқа орналастырылған әр қатысушы үшін жұмыс берушіге субсидия, АЕК
param-rules-b-p70-relocation_subsidy = Көшуге арналған біржолғы субсидия әр адамға (отбасы басшысы және әр мүшесі), АЕК
param-quota_sc_forward = Мемлекеттік корпорация өтініш пен құжаттарды «электрондық үкімет» шлюзі арқылы көрсетілетін қызметті берушіге жібереді
param-quota_career_centre_forward = Өңірлердің мансап орталықтары үміткердің өтінішін көрсетілетін қызметті берушіге жібереді
param-quota_refusal_to_accept_notice = Көрсетілетін қызметті беруші толық емес құжаттар топтамасын қабылдаудан бас тарту туралы хабарлайды (портал)
param-quota_portal_registration = Migration.enbek.kz порталы арқылы берілген өтініш жүгінген күні тіркеледі
param-quota_service_term = Мемлекеттік қызметті көрсету мерзімі (өңірлік квотаға енгізу)
param-move_notice = Қабылдау өңірі ішінде көшетін қандас немесе қоныс аударушы көшіп кеткенге дейін мансап орталығын хабардар етеді
param-emc_check_and_forward = Мансап орталығы сертификатқа қатысты мүлік құжаттарын салыстырып, өтінішті еңбек мобильділігі орталығына жібереді
param-emc_decision = Еңбек мобильділігі орталығы сертификат төлемі туралы шешім қабылдайды
param-emc_transfer = Еңбек мобильділігі орталығы сертификат қаражатын сатушының немесе қарыз алушының ағымдағы шотына аударады
param-emc_no_sale = Сертификатпен сатып алынған жылжымайтын мүлікті сатуға болмайтын мерзім
param-rent_list_forward = Мансап орталықтары жалдау шығыстарын өтеуге өтініштер тізімін еңбек мобильділігі орталығына жібереді
param-material_assistance_application = Сертификаттан басқа материалдық көмекке өтініш беру мерзімі
param-restoration_petition = Өтініш берудің өткізіп алынған алты айлық мерзімін қалпына келтіру туралы өтінішхат
param-appeal_forward = Еңбек мобильділігі орталығы немесе лауазымды адам шағым мен әкімшілік істі жоғары тұрған органға жібереді
param-appeal_self_remedy = Шағым жасалған орган шағымды жібермей, өзі толық қанағаттандыра алатын мерзім
param-appeal_consideration = Жоғары тұрған әкімшілік орган шағымды қарайды
param-ord05_report = Көші-қон комитеті бұйрықтың орындалуы туралы Заң қызметі департаментіне есеп береді
param-employer_employment_short = Жұмыс беруші қатысушыны тұрақты жұмыста ұстайтын мерзім (қысқа)
param-employer_employment_long = Жұмыс беруші қатысушыны тұрақты жұмыста ұстайтын мерзім (ұзақ)
param-quota_prior_registration = Қоныс аударушы квотасына өтініш бергенге дейін шығу өңірінде тұрақты тіркелу мерзімі
ui-limit-same_day = сол күні
ui-limit-within = { $count } { $unit ->
        [working_days] жұмыс күні
        [calendar_days] күнтізбелік күн
        [months] ай
       *[years] жыл
    } ішінде
ui-limit-before = { $count } { $unit ->
        [working_days] жұмыс күні
        [calendar_days] күнтізбелік күн
        [months] ай
       *[years] жыл
    } бұрын

## Points of law in words (render::Catalog::legal_ref): each act's name, its genitive (-of) and dative (-to),
## then the shapes of a reference; the titles are those order No. 359 gives the acts
legal-act-order-359 = № 359 бұйрық
legal-act-order-359-of = № 359 бұйрықтың
legal-act-order-359-to = № 359 бұйрыққа
legal-act-rules-a = Қандастар мен қоныс аударушыларды қабылдаудың өңірлік квотасына енгізу қағидалары
legal-act-rules-a-of = Қандастар мен қоныс аударушыларды қабылдаудың өңірлік квотасына енгізу қағидаларының
legal-act-rules-a-to = Қандастар мен қоныс аударушыларды қабылдаудың өңірлік квотасына енгізу қағидаларына
legal-act-rules-b = Жұмыс күшінің ұтқырлығын арттыру үшін адамдардың ерікті түрде қоныс аудару қағидалары
legal-act-rules-b-of = Жұмыс күшінің ұтқырлығын арттыру үшін адамдардың ерікті түрде қоныс аудару қағидаларының
legal-act-rules-b-to = Жұмыс күшінің ұтқырлығын арттыру үшін адамдардың ерікті түрде қоныс аудару қағидаларына
legal-act-holidays-law = «Қазақстан Республикасындағы мерекелер туралы» Қазақстан Республикасының Заңы
legal-act-holidays-law-of = «Қазақстан Республикасындағы мерекелер туралы» Қазақстан Республикасы Заңының
legal-act-holidays-law-to = «Қазақстан Республикасындағы мерекелер туралы» Қазақстан Республикасы Заңына
legal-act-labour-code = Қазақстан Республикасының Еңбек кодексі
legal-act-labour-code-of = Қазақстан Республикасы Еңбек кодексінің
legal-act-labour-code-to = Қазақстан Республикасы Еңбек кодексіне
legal-act-budget-code = Қазақстан Республикасының Бюджет кодексі
legal-act-budget-code-of = Қазақстан Республикасы Бюджет кодексінің
legal-act-budget-code-to = Қазақстан Республикасы Бюджет кодексіне
legal-act-social-code = Қазақстан Республикасының Әлеуметтік кодексі
legal-act-social-code-of = Қазақстан Республикасы Әлеуметтік кодексінің
legal-act-social-code-to = Қазақстан Республикасы Әлеуметтік кодексіне
legal-act-migration-law = «Халықтың көші-қоны туралы» Қазақстан Республикасының Заңы
legal-act-migration-law-of = «Халықтың көші-қоны туралы» Қазақстан Республикасы Заңының
legal-act-migration-law-to = «Халықтың көші-қоны туралы» Қазақстан Республикасы Заңына
legal-act-appc = Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексі
legal-act-appc-of = Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің
legal-act-appc-to = Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексіне
legal-act-budget-law = «{ $year } – { $last } жылдарға арналған республикалық бюджет туралы» Қазақстан Республикасының Заңы
legal-act-budget-law-of = «{ $year } – { $last } жылдарға арналған республикалық бюджет туралы» Қазақстан Республикасы Заңының
legal-act-budget-law-to = «{ $year } – { $last } жылдарға арналған республикалық бюджет туралы» Қазақстан Республикасы Заңына
legal-ref-paragraph = { $act_of } { $n }-тармағы
legal-ref-paragraph-part = { $act_of } { $n }-тармағының { $part }-бөлігі
legal-ref-paragraph-part-sub = { $act_of } { $n }-тармағының { $part }-бөлігінің { $sub }) тармақшасы
legal-ref-paragraph-sub = { $act_of } { $n }-тармағының { $sub }) тармақшасы
legal-ref-article = { $act_of } { $n }-бабы
legal-ref-article-paragraph = { $act_of } { $n }-бабының { $paragraph }-тармағы
legal-ref-article-paragraph-sub = { $act_of } { $n }-бабының { $paragraph }-тармағының { $sub }) тармақшасы
legal-ref-appendix = { $act_to } { $n }-қосымша
legal-ref-appendix-item = { $act_to } { $n }-қосымшаның { $item }-тармағы
legal-ref-text = { $act }, { $point }
