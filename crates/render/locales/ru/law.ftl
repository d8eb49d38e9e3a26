ui-law-title = Параметры закона и квоты
ui-law-help = Параметры, действующие на дату:
ui-params = Параметры
ui-quotas = Квоты текущего года
amend_unknown_parameter = Такого параметра нет
amend_value_invalid = Значение записано не в формате TOML (например, 4500 или {"{"} count = 1, unit = "working_days", direction = "after" {"}"})
amend_year_not_covered = Для этого года нет данных календаря
amend_rejected = Закон не принимает это изменение: причина указана ниже
ui-law-amended = Изменение зарегистрировано и вступает в силу с указанной даты
ui-law-amended-moved = Изменение зарегистрировано и вступает в силу с указанной даты. Пересчитаны по новому календарю текущие сроки дел: { $count }.
ui-quota-saved = Квота сохранена
ui-unit-persons = человек
ui-unit-families = семья
ui-confidence-high = высокая
ui-confidence-medium = средняя
ui-confidence-low = низкая
ui-holiday-kind-national = национальный праздник
ui-holiday-kind-state = государственный праздник
ui-holiday-kind-religious = религиозный праздник
ui-amendments = Изменения закона
ui-amendments-help = Каждое изменение вносится в данные закона, заново проходит все проверки и записывается в журнал аудита.
ui-no-amendments = Изменений пока нет: действуют встроенные данные закона.
ui-value-mci = { $count } МРП
ui-value-mci_per_worker = { $count } МРП на одного работника
ui-value-mci_per_person = { $count } МРП на одного человека
ui-value-rent-bracket = от { $from } чел. — { $mci } МРП
ui-value-rent = В городе: { $urban }; в сельской местности: { $rural }; не более { $months } мес.
ui-conversion-first_day_of_month = первый день месяца, за который производится выплата
ui-conversion-decision_date = день решения о выплате
ui-value-conversion = Возмещение затрат по найму жилья: { $rent }; сертификат: { $certificate }; субсидия работодателю: { $employer }; субсидия на переезд: { $relocation }
ui-value-financial_year = Текущий финансовый год: { $start } – { $end }
ui-value-effect-record_only = Фиксируется в заявлении и отображается; на сумму и очерёдность рассмотрения не влияет
amendment-edition = { $parameter }: { $value } с { $start } ({ $reference })
amendment-edition-until = { $parameter }: { $value } с { $start } по { $end } ({ $reference })
amendment-transfer = Перенос выходного дня: { $day_off } — выходной, { $working_day } — рабочий день ({ $act })
amendment-holiday = Праздничный день: { $date } ({ $key })
amendment-withdrawal = Изменение № { $seq } отменено: { $reason }
ui-amend-edition-title = Новая редакция параметра
ui-amend-transfer-title = Перенос выходного дня
ui-amend-holiday-title = Праздничный день
ui-amend-submit = Внести изменение
ui-amend-preview = Предварительный просмотр
ui-preview-title = Текущие сроки, если внести это изменение
ui-preview-help = Изменение ещё не внесено: ничего не записано. Чтобы внести его, нажмите «Внести изменение» в форме ниже.
ui-preview-none = Это изменение не сдвигает ни одного текущего срока.
ui-amend-start = Дата вступления в силу
ui-amend-end = Дата окончания действия (необязательно)
ui-amend-value-help = Значение TOML: 4500 для МРП, {"{"} count = 1, unit = "working_days", direction = "after" {"}"} для срока
ui-amend-act = Правовой акт
ui-amend-act-help = Ключ акта: budget-law-2027, rules-a, rules-b, order-359, labour-code
ui-amend-point = Статья или пункт
ui-amend-confidence = Достоверность источника
ui-amend-source = Источник (где опубликовано)
ui-amend-day-off = Рабочий день, который становится выходным
ui-amend-working-day = Выходной день, который становится рабочим
ui-amend-date = Дата
ui-amend-holiday = Праздник
ui-amend-holiday-kind = Вид праздника
ui-amend-carried-over = Перенесённые выходные дни
ui-amend-carried-over-help = Если национальный или государственный праздник выпадает на субботу или воскресенье, выходным становится следующий рабочий день (религиозные праздники не переносятся): укажите эти дни через запятую (ГГГГ-ММ-ДД)
ui-amend-year = Год
ui-quota-unit = Единица
ui-quota-basis = Основание (номер и дата решения)
ui-quota-set-title = Установить квоту
amend_nothing_to_withdraw = Нет изменения для отзыва: проверьте номер (изменение должно быть внесено ранее и ещё действовать)
## Law parameters, as the administrator's law page names them
param-mci = Месячный расчётный показатель (МРП), значение одного МРП в тенге
param-mci_conversion = Дата, на которую берётся размер МРП для пересчёта суммы в тенге
param-financial_year = Первый день финансового года (месяц и день)
param-rules-a-kandas-intake = Порядок приёма заявления кандаса (Правила включения в региональную квоту приёма кандасов и переселенцев в редакции до приказа)
param-rules-a-commissions = Решения по квоте, принимаемые по рекомендации или решению комиссии
param-rules-a-quota-documents = Перечень документов для включения в квоту
param-rules-a-revocation = Основание отмены решения о включении в региональную квоту
param-rules-b-p67-certificate = Размер сертификата экономической мобильности, МРП; выплата не превышает фактической оценочной стоимости
param-rules-b-p67-differentiation = Последствия дифференциации заявителей по четырём категориям (сертификат)
param-rules-b-p71-rent_compensation = Возмещение затрат по найму (аренде) жилья и оплате коммунальных услуг, МРП в месяц, по типу населённого пункта и составу семьи
param-rules-b-p36-employer_subsidy = Субсидия работодателю за каждого трудоустроенного участника, МРП
param-rules-b-p70-relocation_subsidy = Единовременная субсидия на переезд на каждого человека (глава семьи и каждый член), МРП
param-quota_sc_forward = Государственная корпорация направляет заявление и документы услугодателю через шлюз «электронного правительства»
param-quota_career_centre_forward = Карьерные центры регионов направляют заявление кандидата услугодателю
param-quota_refusal_to_accept_notice = Услугодатель уведомляет об отказе в приёме неполного пакета документов (портал)
param-quota_portal_registration = Заявление через Migration.enbek.kz регистрируется в день подачи
param-quota_service_term = Срок оказания государственной услуги (включение в региональную квоту)
param-move_notice = Кандас или переселенец, переезжающий в пределах региона приёма, уведомляет карьерный центр до переезда
param-emc_check_and_forward = Карьерный центр сверяет документы на недвижимость по сертификату и направляет заявление в центр трудовой мобильности
param-emc_decision = Центр трудовой мобильности принимает решение о выплате по сертификату
param-emc_transfer = Центр трудовой мобильности перечисляет средства сертификата на текущий счёт продавца или заёмщика
param-emc_no_sale = Срок, в течение которого недвижимость, купленную по сертификату, нельзя продавать
param-rent_list_forward = Карьерные центры направляют список заявлений на возмещение затрат по найму жилья в центр трудовой мобильности
param-material_assistance_application = Срок подачи заявления на материальную помощь, кроме сертификата
param-restoration_petition = Ходатайство о восстановлении пропущенного шестимесячного срока подачи заявления
param-appeal_forward = Центр трудовой мобильности или должностное лицо направляет жалобу и административное дело в вышестоящий орган
param-appeal_self_remedy = Срок, в который обжалуемый орган может сам полностью удовлетворить жалобу, не направляя её
param-appeal_consideration = Вышестоящий административный орган рассматривает жалобу
param-ord05_report = Комитет по миграции отчитывается об исполнении приказа перед Департаментом юридической службы
param-employer_employment_short = Срок, в течение которого работодатель сохраняет постоянную занятость участника (короткий)
param-employer_employment_long = Срок, в течение которого работодатель сохраняет постоянную занятость участника (длинный)
param-quota_prior_registration = Срок постоянной регистрации в регионе выбытия до подачи заявления на квоту переселенцев
ui-limit-same_day = в тот же день
ui-limit-within = в течение { $count } { $unit ->
        [working_days] { $count ->
            [one] рабочего дня
           *[other] рабочих дней
        }
        [calendar_days] { $count ->
            [one] календарного дня
           *[other] календарных дней
        }
        [months] { $count ->
            [one] месяца
           *[other] месяцев
        }
       *[years] { $count ->
            [one] года
           *[other] лет
        }
    }
ui-limit-before = не позднее чем за { $count } { $unit ->
        [working_days] { $count ->
            [one] рабочий день
            [few] рабочих дня
           *[other] рабочих дней
        }
        [calendar_days] { $count ->
            [one] календарный день
            [few] календарных дня
           *[other] календарных дней
        }
        [months] { $count ->
            [one] месяц
            [few] месяца
           *[other] месяцев
        }
       *[years] { $count ->
            [one] год
            [few] года
           *[other] лет
        }
    }

## Points of law in words (render::Catalog::legal_ref): each act's name, its genitive (-of) and dative (-to),
## then the shapes of a reference; the titles are those order No. 359 gives the acts
legal-act-order-359 = приказ № 359
legal-act-order-359-of = приказа № 359
legal-act-order-359-to = приказу № 359
legal-act-rules-a = Правила включения в региональную квоту приёма кандасов и переселенцев
legal-act-rules-a-of = Правил включения в региональную квоту приёма кандасов и переселенцев
legal-act-rules-a-to = Правилам включения в региональную квоту приёма кандасов и переселенцев
legal-act-rules-b = Правила добровольного переселения лиц для повышения мобильности рабочей силы
legal-act-rules-b-of = Правил добровольного переселения лиц для повышения мобильности рабочей силы
legal-act-rules-b-to = Правилам добровольного переселения лиц для повышения мобильности рабочей силы
legal-act-holidays-law = Закон Республики Казахстан «О праздниках в Республике Казахстан»
legal-act-holidays-law-of = Закона Республики Казахстан «О праздниках в Республике Казахстан»
legal-act-holidays-law-to = Закону Республики Казахстан «О праздниках в Республике Казахстан»
legal-act-labour-code = Трудовой кодекс Республики Казахстан
legal-act-labour-code-of = Трудового кодекса Республики Казахстан
legal-act-labour-code-to = Трудовому кодексу Республики Казахстан
legal-act-budget-code = Бюджетный кодекс Республики Казахстан
legal-act-budget-code-of = Бюджетного кодекса Республики Казахстан
legal-act-budget-code-to = Бюджетному кодексу Республики Казахстан
legal-act-social-code = Социальный кодекс Республики Казахстан
legal-act-social-code-of = Социального кодекса Республики Казахстан
legal-act-social-code-to = Социальному кодексу Республики Казахстан
legal-act-migration-law = Закон Республики Казахстан «О миграции населения»
legal-act-migration-law-of = Закона Республики Казахстан «О миграции населения»
legal-act-migration-law-to = Закону Республики Казахстан «О миграции населения»
legal-act-appc = Административный процедурно-процессуальный кодекс Республики Казахстан
legal-act-appc-of = Административного процедурно-процессуального кодекса Республики Казахстан
legal-act-appc-to = Административному процедурно-процессуальному кодексу Республики Казахстан
legal-act-budget-law = Закон Республики Казахстан «О республиканском бюджете на { $year } – { $last } годы»
legal-act-budget-law-of = Закона Республики Казахстан «О республиканском бюджете на { $year } – { $last } годы»
legal-act-budget-law-to = Закону Республики Казахстан «О республиканском бюджете на { $year } – { $last } годы»
legal-ref-paragraph = пункт { $n } { $act_of }
legal-ref-paragraph-part = часть { $part } пункта { $n } { $act_of }
legal-ref-paragraph-part-sub = подпункт { $sub }) части { $part } пункта { $n } { $act_of }
legal-ref-paragraph-sub = подпункт { $sub }) пункта { $n } { $act_of }
legal-ref-article = статья { $n } { $act_of }
legal-ref-article-paragraph = пункт { $paragraph } статьи { $n } { $act_of }
legal-ref-article-paragraph-sub = подпункт { $sub }) пункта { $paragraph } статьи { $n } { $act_of }
legal-ref-appendix = приложение { $n } к { $act_to }
legal-ref-appendix-item = пункт { $item } приложения { $n } к { $act_to }
legal-ref-text = { $act }, { $point }
