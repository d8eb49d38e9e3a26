# Issued documents: the words the documents take from the service, the cabinet's and the case page's lists,
# the print view and the public verification page.

doc-relation-applicant = өзі
doc-reason-missing = ұсынылмаған
doc-reason-expired = қолданылу мерзімі өткен немесе шешім қабылданған күні аяқталады

signer_without_certificate = Құжатқа қол қоятын лауазымды адамның тіркелген сертификаты жоқ
document_not_valid = Құжат жарамды емес: ол бұрын кері қайтарылған немесе ауыстырылған

ui-documents = Құжаттар
ui-documents-none = Берілген құжаттар жоқ
ui-document-number = Құжат нөмірі
ui-document-form = Құжат түрі
ui-document-date = Берілген күні
ui-document-issuer = Берген орган
ui-document-status = Мәртебесі
ui-document-reason = Себебі
ui-document-download-kk = PDF (қазақша)
ui-document-download-ru = PDF (орысша)
ui-document-signed-by = Қол қойған лауазымды адамның ЭЦҚ-сы
ui-document-valid = Жарамды
ui-document-revoked = Кері қайтарылды
ui-document-superseded = Ауыстырылды
ui-document-revoke = Құжатты кері қайтару
ui-document-revoke-reason = Кері қайтару себебі

ui-verify-title = Құжаттың түпнұсқалығын тексеру
ui-verify-intro = Бұл бет құжаттың түрін, нөмірін, күнін, берген органды және мәртебесін ғана көрсетеді.
ui-verify-not-found = Мұндай нөмірлі құжат табылмады
ui-verify-upload = Түпнұсқа екенін тексеру үшін PDF файлын жүктеңіз
ui-verify-upload-submit = Тексеру
ui-verify-original = Жүктелген файл осы құжаттың түпнұсқасы, қолтаңбасы жарамды
ui-verify-not-original = Жүктелген файл осы құжаттың түпнұсқасы емес

ui-signature-signature_valid = Электрондық цифрлық қолтаңба жарамды
ui-signature-document_not_signed = Файлда электрондық цифрлық қолтаңба жоқ
ui-signature-document_modified = Файл қол қойылғаннан кейін өзгертілген
ui-signature-signer_not_trusted = Қолтаңба сенім білдірілген куәландырушы орталықтың сертификатымен жасалмаған
ui-signature-signature_malformed = Қолтаңбаны оқу мүмкін емес

pki_missing = Куәландырушы орталықтың қалтасында ca.pem жоқ: алдымен «qonys pki init» іске қосыңыз

ui-action-document-issued = Құжат берілді және қол қойылды
ui-action-document-revoked = Құжат кері қайтарылды
