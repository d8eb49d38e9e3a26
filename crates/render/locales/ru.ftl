# Qonys message catalog: Russian.
# Keys are the stable codes the program returns; a test checks kk and ru have the same keys.

## Identification numbers and values

iin_length = ИИН должен состоять из 12 цифр
iin_not_digits = ИИН должен состоять только из цифр
iin_century_digit = 7-я цифра ИИН обозначает век и пол и должна быть от 1 до 6
iin_birth_date = Первые шесть цифр ИИН не образуют существующую дату рождения
iin_check_digit = Контрольная цифра ИИН не совпадает
iin_unusable = Такой ИИН не выдаётся: контрольную цифру вычислить нельзя
iin_serial = Порядковый номер ИИН должен быть от 0 до 9999
bin_length = БИН должен состоять из 12 цифр
bin_not_digits = БИН должен состоять только из цифр
bin_month = 3–4-я цифры БИН обозначают месяц регистрации (01–12)
bin_entity_type = 5-я цифра БИН обозначает тип юридического лица (4, 5 или 6)
bin_check_digit = Контрольная цифра БИН не совпадает
bin_unusable = Такой БИН не выдаётся: контрольную цифру вычислить нельзя
bin_serial = Порядковый номер БИН слишком велик
iban_length = ИИК (IBAN) должен состоять из 20 символов и начинаться с KZ
iban_country = ИИК (IBAN) должен начинаться с букв KZ
iban_characters = ИИК (IBAN) может содержать только латинские буквы и цифры
iban_bank_code = Код банка в ИИК (IBAN) должен состоять из трёх цифр
iban_checksum = Контрольные цифры ИИК (IBAN) не совпадают: проверьте номер счёта
kato_length = Код КАТО должен состоять из 9 цифр
kato_not_digits = Код КАТО должен состоять только из цифр
kato_region = Первые две цифры кода КАТО не обозначают область или город республиканского значения
money_format = Укажите сумму цифрами, например 108125,00
money_precision = В сумме не может быть больше двух знаков после запятой
money_negative = Сумма не может быть отрицательной
money_overflow = Сумма слишком велика
mci_format = Количество МРП укажите целым числом, например 1625
mci_overflow = Количество МРП слишком велико

## Calendar and dates

calendar_year_not_covered = Производственного календаря на { $year } год нет в системе: срок вычислить нельзя
calendar_ambiguous_month_end = Прибавление месяцев к этой дате неоднозначно (конец месяца): укажите правило
calendar_overflow = Дата выходит за допустимые пределы
calendar_invalid_data = В данных календаря есть ошибка
invalid_date = Укажите дату в формате ГГГГ-ММ-ДД, например 2026-03-18
invalid_month = Укажите месяц в формате ГГГГ-ММ, например 2026-03
invalid_number = Укажите положительное целое число
invalid_boolean = Укажите true (да) или false (нет)
invalid_locality = Тип местности: urban (город) или rural (село)
unknown_time_limit = Такого срока нет: список показывает команда `qonys law params`

## Law parameters

edition_not_covered = Редакции правовой нормы, действующей на эту дату, в системе нет
edition_not_after_last = Новое значение должно начинаться после последней редакции
edition_end_before_start = Дата окончания редакции раньше даты начала
edition_overlap = Сроки редакций пересекаются
edition_empty = У параметра нет ни одной редакции
amount_overflow = Сумма слишком велика: проверьте данные
invalid_input_zero_count = Число должно быть больше нуля
invalid_input_zero_amount = Сумма должна быть больше нуля
unsupported_time_limit = Такой способ исчисления срока не применяется

## Grounds for refusal

rent_max_months_reached = Возмещение выплачивается не более двенадцати месяцев (пункт 71)
rent_state_or_service_housing = Предоставлено жильё из государственного жилищного фонда и (или) служебное жильё (пункт 72)
rent_labour_relation_duties = Период исполнения обязанностей, связанных с характером трудовых отношений, в том числе ротация государственных служащих (пункт 72)
rent_active_measures_participant = Участник активных мер содействия занятости, проживающий по договору найма для заселения (пункт 72)
rent_employer_housing = Жильё предоставлено работодателем (пункт 72)
rent_housing_purchased = Жильё приобретено в собственность, в том числе по сертификату (пункт 72)
rent_evicted = Получатель выселен из занимаемого жилья (пункт 72)
rent_departed = Получатель выехал на постоянное жительство в другой населённый пункт или за пределы региона приёма (пункт 72)
rent_not_living_at_address = Получатель не проживает по адресу, указанному в договоре найма (пункт 72)
rent_sublet = Арендуемое жильё сдано в поднаём (пункт 72)
rent_false_information = Представлены искажённые или ложные сведения (пункт 72)
emc_missing_documents = Не представлены документы, предусмотренные частью первой пункта 68
emc_unreliable_data = Установлена недостоверность данных в представленных документах
emc_cadastre_grounds = Из кадастра недвижимости получены основания, предусмотренные пунктом 76
emc_outside_destination = Жильё приобретено за пределами населённого пункта назначения, указанного в направлении на переселение
emc_already_bought_with_certificate = Жильё ранее приобретено за счёт денежной выплаты по сертификату
emc_outside_financial_year = Заявление на сертификат подано за пределами соответствующего финансового года (пункт 73)
deadline_missed = Заявление подано позже шести месяцев с момента включения в региональную квоту (пункт 73)
restoration_late = Заявление или ходатайство о восстановлении срока подано позднее трёх месяцев после истечения шести месяцев (пункт 73)
restoration_no_evidence = К ходатайству не приложен документ об обстоятельствах, не зависящих от заявителя (пункт 73)

## Command-line output

out_measure_rent_compensation = Возмещение затрат по найму (аренде) жилья и оплате коммунальных услуг
out_measure_certificate = Денежная выплата по сертификату экономической мобильности
out_measure_employer_subsidy = Субсидия работодателю на трудоустройство
out_measure_relocation_subsidy = Субсидия на переезд
out_granted = Назначается
out_refused = Не назначается
out_amount = Сумма
out_basis = Правовое основание
out_parameters = Применённые параметры
out_facts = Использованные сведения
out_reason = Причина
out_due = Последний день срока
out_skipped = Нерабочие дни
out_working = Рабочий день
out_not_working = Нерабочий день
out_valid = Верно
out_invalid = Ошибка
out_unknown_bank = Банка нет в справочнике
reason_weekday = рабочий день
reason_weekend = выходной день
reason_holiday = праздник: { $name }
reason_carried_over = перенесённый выходной за праздник { $date } ({ $name })
reason_transferred_day_off = выходной взамен рабочего дня { $date } ({ $act })
reason_transferred_working_day = рабочий день взамен выходного { $date } ({ $act })
dow_1 = понедельник
dow_2 = вторник
dow_3 = среда
dow_4 = четверг
dow_5 = пятница
dow_6 = суббота
dow_7 = воскресенье
not_found = Запрошенная запись не найдена
version_conflict = Дело изменилось после того, как вы его открыли: обновите и примите решение заново
quota_exhausted = В квоте не осталось мест
quota_below_allocated = Размер квоты нельзя уменьшить ниже числа распределённых мест
idempotency_mismatch = Этот ключ запроса уже использован для другого действия
store_corrupt = Запись в базе данных повреждена
store_unavailable = База данных недоступна
invalid_category = Категория: kandas (кандас) или resettler (переселенец)
invalid_unit = Единица: persons (человек) или families (семья)
invalid_kato = Неверный код КАТО
invalid_account = Имя учётной записи: от 1 до 64 символов — латинские буквы, цифры и . _ : @ -
out_audit_intact = Журнал аудита цел; проверено записей: { $count }
out_audit_broken = Журнал аудита нарушен: запись № { $seq } цепочки { $chain } ({ $kind }); остальные записи целы: { $count }
audit_break_edited = запись изменена
audit_break_link_broken = нарушена связь с предыдущей записью
audit_break_missing = запись удалена
audit_break_truncated = удалены последние записи журнала
notice_appeal_dismissed = Жалоба оставлена без удовлетворения; теперь можно обратиться в суд
notice_appeal_remedied = Требования жалобы удовлетворены полностью
notice_appeal_upheld = Жалоба удовлетворена
notice_emc_approved = Принято решение о денежной выплате по сертификату экономической мобильности
notice_emc_refused = В выплате по сертификату экономической мобильности отказано
notice_emc_site_visit = Специалист карьерного центра выедет для осмотра приобретаемого жилья
notice_employer_subsidy_granted = Принято решение о выплате субсидии на трудоустройство
notice_employer_subsidy_refused = В выплате субсидии на трудоустройство отказано
notice_move_within_region = Получено уведомление о переезде в пределах региона приёма
notice_participation_approved = Вы включены в число участников добровольного переселения
notice_participation_refused = Во включении в число участников добровольного переселения отказано
notice_quota_accepted = Ваше заявление о включении в региональную квоту принято
notice_quota_included = Вы включены в региональную квоту
notice_quota_not_accepted = Заявление не принято: выдана расписка об отказе в приёме документов
notice_quota_refused = Во включении в региональную квоту отказано
notice_quota_revoked = Решение о включении в региональную квоту отменено
notice_referral_tear_off = Отрывной талон направления на переселение возвращён в карьерный центр
notice_relocation_granted = Назначена субсидия на переезд
notice_relocation_refused = В назначении субсидии на переезд отказано
notice_rent_granted = Назначено возмещение затрат по найму жилья и коммунальным услугам
notice_rent_refused = В возмещении затрат по найму жилья отказано
notice_rent_terminated = Возмещение затрат по найму жилья прекращено
notice_restoration_granted = Срок подачи заявления восстановлен
notice_restoration_refused = В восстановлении срока подачи заявления отказано
quota_incomplete_package = Пакет документов неполный
quota_expired_documents = Срок действия документов истёк или истекает в день решения
quota_k1_not_kandas = Кандидат не соответствует определению кандаса по Закону «О миграции населения»
quota_k2_unreliable_data = Установлена недостоверность представленных документов или данных
quota_k3_offences = Имеются компрометирующие сведения о совершённых на территории Республики Казахстан правонарушениях и иная информация о принадлежности к террористическим или экстремистским организациям
quota_k4_no_consent = Нет согласия на доступ к персональным данным ограниченного доступа
quota_k5_no_quota = Отсутствие квоты в административно-территориальной единице или отказ кандидата от предложенной административно-территориальной единицы
quota_r1_unreliable_data = Установлена недостоверность данных в представленных документах
quota_r2_no_consent = Нет согласия на доступ к персональным данным ограниченного доступа
quota_r3_social_code = Несоответствие условиям пунктов 1 и 2 статьи 112 Социального кодекса
quota_r4_no_quota = Отсутствие квоты в административно-территориальной единице или отказ кандидата от предложенной административно-территориальной единицы
quota_r5_category = Несоответствие категориям пункта 12 Правил добровольного переселения
event_not_allowed = В текущем состоянии дела это действие невозможно
refusal_without_grounds = Для отказа нужно указать хотя бы одно основание
application_number_format = Номер заявления записывается как QN-75-2026-000123
application_number_region = Код региона в номере заявления не соответствует ни одному региону Казахстана
invalid_channel = Канал подачи: portal, state_corporation или career_centre
registry_not_found = В информационной системе нет сведений об этом человеке
registry_unavailable = Информационная система не ответила; повторите позже
registry_consent_required = Для получения документа нужно согласие его владельца
registry_otp_invalid = Одноразовый пароль не совпадает
quota_year_not_in_law = Квот этого года нет в данных закона: задайте их командой quota set
invalid_ground = Это основание отказа не относится к категории заявления
bind_failed = Не удаётся принимать подключения на этом адресе: он занят или записан неверно
notice_rent_refund_due = Переплаченную субсидию необходимо вернуть
notice_employer_housing_granted = Принято решение о возмещении части затрат на предоставление жилья
not_signed_in = Войдите в систему
login_failed = Неверный логин или пароль
csrf_token_missing = Запрос не подтверждён: обновите страницу и повторите
invalid_json = Тело запроса не в формате JSON
internal = Внутренняя ошибка; сообщите номер запроса в поддержку
invalid_role = Неизвестная роль
password_required = Пароль нужно передать в переменной QONYS_PASSWORD или на стандартном входе
forbidden = У вас нет прав на это действие
invalid_input = Некоторые поля заполнены неверно
idempotency_key_required = В запросе нужен заголовок Idempotency-Key
login_throttled = Слишком много попыток входа: повторите через 15 минут
code_required = Введите одноразовый код
code_wrong = Код не подходит: проверьте шесть цифр из SMS и введите снова
code_attempts_exhausted = Код слишком много раз введён неверно: войдите заново
unknown_language = Язык неизвестен: выберите kk или ru
sms-sign-in-code = Qonys: код для входа { $code }. Никому его не сообщайте.
ui-date = { $day } { $month } { $year } г.
ui-month-1 = января
ui-month-2 = февраля
ui-month-3 = марта
ui-month-4 = апреля
ui-month-5 = мая
ui-month-6 = июня
ui-month-7 = июля
ui-month-8 = августа
ui-month-9 = сентября
ui-month-10 = октября
ui-month-11 = ноября
ui-month-12 = декабря
ui-tagline = Региональная квота и добровольное переселение для трудовой мобильности
ui-nav-label = Главное меню
ui-skip-to-content = Перейти к основному содержанию
ui-switch-language = Қазақша
ui-sign-out = Выйти
ui-footer = Qonys — по приказу Министра труда и социальной защиты населения Республики Казахстан от 14 ноября 2025 года № 359
ui-api-docs = Описание API
ui-error-title = Запрос не выполнен
ui-not-found = Страница не найдена или у вас нет права её просматривать
ui-store-unavailable = База данных временно недоступна; повторите позже
ui-request-id = Номер запроса
ui-back-home = Вернуться на главную
ui-error-summary = Исправьте ошибки ниже
ui-sign-in-title = Вход в систему
ui-sign-in-help = Заявитель вводит ИИН и пароль, затем подтверждает вход кодом из SMS. Представители работодателя входят по БИН организации, сотрудники — по своему логину.
ui-login = ИИН, БИН или логин
ui-password = Пароль
ui-sign-in-button = Войти
ui-code-title = Подтверждение входа
ui-code-help = На ваш телефон отправлен шестизначный код. Введите его в течение 10 минут.
ui-code = Код из SMS
ui-code-button = Подтвердить
ui-cabinet-title = Личный кабинет
ui-my-applications = Мои заявления
ui-my-messages = Уведомления
ui-no-messages = Уведомлений нет
ui-no-cases = Заявлений нет
ui-queue-title = Рабочая очередь
ui-queue-scope = Территория
ui-all-regions = Все регионы
ui-any = Любой
ui-filter = Применить фильтр
ui-find-number = Найти заявление по номеру
ui-find = Найти
ui-col-number = Номер заявления
ui-col-kind = Вид
ui-col-state = Статус
ui-col-territory = Территория
ui-col-received = Дата поступления
ui-col-due = Ближайший срок
ui-working-days-left = { $days ->
        [one] остался { $days } рабочий день
        [few] осталось { $days } рабочих дня
       *[other] осталось { $days } рабочих дней
    }
ui-overdue-by = просрочено на { $days } { $days ->
        [one] рабочий день
        [few] рабочих дня
       *[other] рабочих дней
    }
ui-case-title = Заявление
ui-facts = Сведения из информационных систем
ui-fact = Показатель
ui-value = Значение
ui-source-col = Источник
ui-source = { $system }, { $at }, ответ { $response }
ui-yes = Да
ui-no = Нет
ui-not-asked = Не запрашивалось
ui-fact-registered_one_year = Постоянно зарегистрирован в регионе выбытия не менее года
ui-fact-job_seeker = Зарегистрирован как лицо, ищущее работу, и (или) безработный
ui-fact-kandas = Имеет статус кандаса
ui-deadlines = Сроки и их расчёт
ui-no-deadlines = Сейчас сроки не текут
ui-deadline-forward_by = Срок направления документов
ui-deadline-refuse_to_accept_by = Срок отказа в приёме
ui-deadline-decide_by = Срок принятия решения
ui-basis = основание
ui-skipped = Неучтённые нерабочие дни
ui-no-skipped = Нерабочих дней не было
ui-calendar-edition = Редакция календаря
ui-timeline = История заявления
ui-new-title = Новое заявление
ui-iin = ИИН заявителя
ui-category = Категория
ui-territory = Код КАТО территории
ui-territory-help = Девять цифр, например 550000000 (Павлодарская область)
ui-territory-not-yours = Вы не можете принимать заявления по этой территории
ui-channel = Канал подачи
ui-submit-application = Принять заявление
ui-outbox-title = SMS-сообщения (тестовый режим)
ui-outbox-help = В демонстрационном режиме SMS не отправляются: сообщения показаны здесь.
ui-col-time = Время
ui-col-recipient = Получатель
ui-col-text = Текст
ui-col-delivered = Доставлено
ui-law-title = Параметры закона и квоты
ui-law-help = Параметры, действующие на дату:
ui-params = Параметры
ui-col-parameter = Параметр
ui-col-since = Действует с
ui-col-reference = Правовое основание
ui-quotas = Квоты текущего года
ui-col-total = Всего
ui-col-allocated = Распределено
ui-role-citizen = Заявитель
ui-role-state_corporation_operator = Оператор Государственной корпорации
ui-role-career_centre = Специалист карьерного центра
ui-role-labour_mobility_centre = Сотрудник центра трудовой мобильности
ui-role-local_executive_body = Сотрудник местного исполнительного органа
ui-role-commission = Секретарь комиссии
ui-role-appeal_body = Орган, рассматривающий жалобы
ui-role-employer = Представитель работодателя
ui-role-administrator = Администратор
ui-role-system = Система
ui-kind-quota_kandas = Включение в квоту (кандас)
ui-kind-quota_resettler = Включение в квоту (переселенец)
ui-state-received = Поступило
ui-state-under_review = На рассмотрении
ui-state-included = Включено в квоту
ui-state-refused = Отказано
ui-state-not_accepted = Отказано в приёме
ui-state-revoked = Решение отменено
ui-category-kandas = Кандас
ui-category-resettler = Переселенец
ui-channel-portal = Портал
ui-channel-state_corporation = Государственная корпорация
ui-channel-career_centre = Карьерный центр
ui-channel-egov = «Электронное правительство»
ui-channel-api = API
ui-channel-cli = Административный инструмент
ui-reason-weekday = рабочий день
ui-reason-weekend = выходной день
ui-reason-holiday = праздничный день
ui-reason-carried_over = перенесённый выходной день
ui-reason-transferred_day_off = выходной день по переносу
ui-reason-transferred_working_day = рабочий день по переносу
ui-system-civil_registry = Государственная база данных «Физические лица»
ui-system-kandas_register = Реестр кандасов
ui-system-address_register = Адресный регистр
ui-system-labour_market = Система «Рынок труда»
ui-system-cadastre = Кадастр недвижимости
ui-system-labour_contracts = Единая система учёта трудовых договоров
ui-system-digital_documents = Сервис цифровых документов
ui-system-offences = Списки правонарушений
ui-action-quota-submit = Заявление поступило
ui-action-quota-under_review = Заявление принято к рассмотрению
ui-action-quota-included = Включено в квоту
ui-action-quota-refused = Отказано во включении в квоту
ui-action-quota-not_accepted = Отказано в приёме заявления
ui-action-quota-revoked = Решение отменено
ui-action-case-read = Сотрудник просмотрел заявление
ui-due-today = срок истекает сегодня
ui-stats-title = Сводные показатели
ui-stats-help = Число заявлений по регионам, видам и статусам. Персональные данные не показываются.
ui-col-count = Количество
ui-role-analyst = Аналитик министерства
config_unreadable = Файл настроек не читается: проверьте путь и права доступа
config_invalid = Файл настроек содержит ошибки: допускаются только ключи database, bind, lang, log_json в формате TOML
ui-channel-scheduler = Планировщик (автоматическая проверка)
ui-action-deadline-overdue = Срок истёк
ui-action-deadline-recounted = Срок пересчитан по новому календарю: { $to } вместо { $from }

## Administrator: amendments of the law, quotas, accounts
changed_since_read = Данные изменились после того, как вы их прочитали: обновите страницу и повторите
amend_unknown_parameter = Такого параметра нет
amend_value_invalid = Значение записано не в формате TOML (например, 4500 или {"{"} count = 1, unit = "working_days", direction = "after" {"}"})
amend_year_not_covered = Для этого года нет данных календаря
amend_rejected = Закон не принимает это изменение: причина указана ниже
ui-law-amended = Изменение зарегистрировано и вступает в силу с указанной даты
ui-law-amended-moved = Изменение зарегистрировано и вступает в силу с указанной даты. Пересчитаны по новому календарю текущие сроки дел: { $count }.
ui-quota-saved = Квота сохранена
ui-field-required = Обязательное поле
ui-field-too-long = Текст слишком длинный (не более 500 символов)
ui-field-choose = Выберите из списка
ui-act-unknown = Нет такого ключа акта (например, budget-law-2027, rules-b, order-359)
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
ui-col-by = Кто внёс
ui-col-amendment = Изменение
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
ui-col-deadline = Срок
ui-col-due-from = Текущая дата
ui-col-due-to = Новая дата
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
ui-save = Сохранить
ui-users-title = Пользователи
ui-accounts = Учётные записи
ui-col-role = Роль
ui-whole-country = Вся страна
ui-account-form-title = Создать или изменить учётную запись
ui-account-form-help = Если ввести существующий логин, его роль, территория и пароль будут заменены. Заявители входят по ИИН, паролю и одноразовому коду из SMS: их учётные записи здесь не создаются.
ui-account-territory-help = Код КАТО области или района; для всей страны оставьте пустым
ui-password-help = Не менее 12 символов
ui-account-saved = Учётная запись сохранена
ui-login-invalid = Логин из 3–64 символов: латинские буквы, цифры, точка, дефис, подчёркивание
ui-login-is-iin = ИИН — логин заявителя; назначьте сотруднику другой логин
ui-password-short = Пароль должен содержать не менее 12 символов

## Decisions on the case page
ui-decision = Решение
ui-accept = Принять документы
ui-accept-help = Пакет документов полный. Решение должно быть принято в течение 14 рабочих дней со дня поступления заявления (пункт 3 приложения 1 к приказу № 359).
ui-include = Включить в квоту
ui-include-help = Включение занимает одно место квоты в той же транзакции; если мест нет, во включении в квоту отказывают по основанию K5 / R4.
ui-refusal-grounds = Основания отказа
ui-refuse = Отказать
ui-revoke = Отменить решение о включении в квоту
ui-revoke-help = Место в квоте возвращается в той же транзакции.
invalid_decision = Решение должно быть include или refuse
field_required = Обязательное поле (до 500 символов)
file_unreadable = Не удаётся прочитать файл: проверьте путь и права доступа
amendment_invalid = Изменение записано в JSON неверно (см. схему Amendment в описании API)
amend_nothing_to_withdraw = Нет изменения для отзыва: проверьте номер (изменение должно быть внесено ранее и ещё действовать)
ui-withdraw = Отозвать
ui-withdraw-reason = Причина отзыва
ui-awaiting-me = Ожидают моих действий
ui-system-legal_entities = Государственная база данных «Юридические лица»
ui-organisation = Организация
ui-employer-help = Здесь показываются заявления работодателя (приложение 3 к Правилам добровольного переселения, приложение 7 к приказу № 359: участие, субсидии).
login_not_bin = Представитель работодателя входит по БИН организации: введите действительный 12-значный БИН
ui-bin = БИН

## Law parameters, as the administrator's law page names them
param-mci = Месячный расчётный показатель (МРП), значение одного МРП в тенге
param-mci_conversion = Дата, на которую берётся размер МРП для пересчёта суммы в тенге
param-financial_year = Первый день финансового года (месяц и день)
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
ui-tenge = { $amount } тенге
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

## The service platform: notices through the outbox, the case page's file, queues, accounts.
notice-about-case = Qonys, { $number }: { $text }
ui-col-applicant = Заявитель
ui-col-channel = Канал
ui-deadline-duty-of = обязанность: { $body }
ui-deadline-window-of = срок для: { $body }
ui-party-applicant = заявитель
ui-party-state_corporation = Государственная корпорация
ui-party-career_centre = карьерный центр
ui-party-service_provider = услугодатель
ui-party-labour_mobility_centre = центр трудовой мобильности
ui-party-appeal_body = орган, рассматривающий жалобу
ui-party-employer = работодатель
ui-case-file = Документы и выплаты
ui-file-item = Документ или выплата
ui-file-detail = Сведения
ui-document-requested = Оформляется
ui-payment-scheduled = Запланирована к выплате
ui-measure-relocation_subsidy = Субсидия на переезд
ui-measure-rent_month = Возмещение затрат по найму жилья (месяц)
ui-measure-certificate = Выплата по сертификату экономической мобильности
ui-measure-employer_subsidy = Субсидия работодателю
form-rules-a-app-7 = Уведомление о приёме заявления
form-rules-a-app-8 = Расписка об отказе в приёме документов
form-order-359-app-2 = Решение о включении кандасов в региональную квоту
form-order-359-app-3 = Решение об отказе во включении кандасов в региональную квоту
form-order-359-app-5 = Решение о включении переселенцев в региональную квоту
form-order-359-app-6 = Решение об отказе во включении переселенцев в региональную квоту
ui-find-iin = Найти заявления человека по ИИН
ui-only-overdue = Только просроченные
ui-next-page = Следующая страница
ui-queue-total = Всего: { $count }
ui-search-found = Найдено заявлений: { $count } (поиск записан в журнал аудита)
ui-message-channel-sms = SMS
ui-message-channel-email = Электронная почта
ui-message-channel-cabinet = Личный кабинет
ui-fact-category = Категория
ui-fact-channel = Канал подачи
ui-fact-family = Члены семьи, переезжающие вместе
ui-fact-places = Занято мест квоты
ui-action-case-search = Поиск заявлений по ИИН
invalid_login = Логин: от 3 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний
login_is_iin = ИИН — логин заявителя; сотруднику задайте другой логин
password_too_short = Пароль должен содержать не менее 12 символов
last_administrator = Нельзя менять роль последнего администратора
invalid_cursor = Неверная ссылка на страницу: откройте список сначала
request_too_large = Слишком большой запрос
password_unusable = Не удалось сохранить пароль: введите другой
territory_not_yours = Вы не принимаете заявления этой территории
quota_expiring_documents = Представлены документы, срок действия которых истекает в день принятия решения о включении в региональную квоту (пункт 15)
relocation_conditions_not_met = Условия предоставления субсидии на переезд не соблюдены (пункт 70), причины указаны в решении
notice_appeal_upheld_in_part = Ваша жалоба удовлетворена частично; вы вправе обратиться в суд
notice_appeal_unanswered = Ваша жалоба не рассмотрена в течение пяти рабочих дней; вы вправе обратиться в суд
