# Issued documents: the words the documents take from the service, the cabinet's and the case page's lists,
# the print view and the public verification page.

doc-relation-applicant = заявитель
doc-reason-missing = не представлен
doc-reason-expired = срок действия истёк или истекает в день принятия решения

signer_without_certificate = У должностного лица, подписывающего документ, нет зарегистрированного сертификата
document_not_valid = Документ недействителен: он уже отозван или заменён

ui-documents = Документы
ui-documents-none = Выданных документов нет
ui-document-number = Номер документа
ui-document-form = Вид документа
ui-document-date = Дата выдачи
ui-document-issuer = Выдавший орган
ui-document-status = Статус
ui-document-reason = Причина
ui-document-download-kk = PDF (на казахском)
ui-document-download-ru = PDF (на русском)
ui-document-signed-by = ЭЦП должностного лица, подписавшего документ
ui-document-valid = Действителен
ui-document-revoked = Отозван
ui-document-superseded = Заменён
ui-document-revoke = Отозвать документ
ui-document-revoke-reason = Причина отзыва

ui-verify-title = Проверка подлинности документа
ui-verify-intro = Эта страница показывает только вид, номер, дату, выдавший орган и статус документа.
ui-verify-not-found = Документ с таким номером не найден
ui-verify-upload = Загрузите PDF-файл, чтобы проверить, что это подлинник
ui-verify-upload-submit = Проверить
ui-verify-original = Загруженный файл является подлинником этого документа, подпись действительна
ui-verify-not-original = Загруженный файл не является подлинником этого документа

ui-signature-signature_valid = Электронная цифровая подпись действительна
ui-signature-document_not_signed = В файле нет электронной цифровой подписи
ui-signature-document_modified = Файл изменён после подписания
ui-signature-signer_not_trusted = Подпись сделана не сертификатом доверенного удостоверяющего центра
ui-signature-signature_malformed = Подпись невозможно прочитать

pki_missing = В папке удостоверяющего центра нет ca.pem: сначала запустите «qonys pki init»

ui-action-document-issued = Документ выдан и подписан
ui-action-document-revoked = Документ отозван
