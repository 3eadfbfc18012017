"""Demo help articles: Account & Store."""

from __future__ import annotations

from caselog.demo.articles.types import DemoArticle

ARTICLES: list[DemoArticle] = [
    {
        "id": "demo-store-unauthorized-purchases",
        "group": "account-store",
        "topic": "purchases-billing",
        "en": (
            "If you see unauthorised purchases on your account",
            """If your purchase history shows apps, subscriptions or in-app purchases you didn't make, act straight away.

## 1. Check whether it's really unauthorised
- Look at your **purchase history** (*Settings > your name > Media & Purchases > View Account > Purchase History*). Charges are often grouped, so one bank line can cover several purchases.
- Ask your family: with **Family Sharing**, purchases by family members are charged to the organiser.
- Check **subscriptions** that renewed after a free trial.

## 2. Secure your account
1. **Change your password** right away, and choose one you don't use anywhere else.
2. Turn on **two-factor authentication**.
3. Review the devices signed in with your account and remove any you don't recognise.

## 3. Report it to us
Contact support and choose *"I have unauthorised purchases on my account"*. Have ready:
- the **order number** from the receipt email (it starts with letters and digits, e.g. *MT4X9K2LQ*),
- the date and amount, and a short description.

We respond to store disputes **within 24 hours**.

## What happens next
- To protect you, an agent can **temporarily disable downloads and purchases** on the account.
- Purchases made without your consent are refunded to their source (card or store credit), usually within **5–7 bank business days**. You can follow the refund status in your case.
- Downloads and purchases are **reactivated after identity verification**: your billing address plus either the order number of your last purchase or free download, or the name of an app you have downloaded with this account.""",
        ),
        "de": (
            "Wenn Sie nicht autorisierte Käufe in Ihrem Account sehen",
            """Zeigt Ihr Kaufverlauf Apps, Abos oder In-App-Käufe, die Sie nicht getätigt haben, handeln Sie sofort.

## 1. Prüfen, ob es wirklich nicht autorisiert ist
- Sehen Sie sich den **Kaufverlauf** an (*Einstellungen > Ihr Name > Medien & Käufe > Account anzeigen > Kaufverlauf*). Abbuchungen werden oft gebündelt: Eine Zeile auf dem Kontoauszug kann mehrere Käufe enthalten.
- Fragen Sie in der Familie nach: Bei der **Familienfreigabe** werden Käufe der Mitglieder dem Organisator berechnet.
- Prüfen Sie **Abos**, die sich nach einem Gratismonat verlängert haben.

## 2. Account absichern
1. **Ändern Sie sofort Ihr Passwort** und wählen Sie eines, das Sie nirgendwo sonst verwenden.
2. Aktivieren Sie die **Zwei-Faktor-Authentifizierung**.
3. Prüfen Sie die mit Ihrem Account angemeldeten Geräte und entfernen Sie unbekannte.

## 3. Melden Sie es uns
Kontaktieren Sie den Support und wählen Sie *„Nicht autorisierte Käufe in meinem Account“*. Halten Sie bereit:
- die **Bestellnummer** aus der Beleg-E-Mail (Buchstaben und Ziffern, z. B. *MT4X9K2LQ*),
- Datum und Betrag sowie eine kurze Beschreibung.

Auf Store-Reklamationen antworten wir **innerhalb von 24 Stunden**.

## Wie es weitergeht
- Zu Ihrem Schutz kann ein Mitarbeiter **Downloads und Käufe vorübergehend sperren**.
- Käufe ohne Ihre Zustimmung werden auf die ursprüngliche Zahlungsquelle (Karte oder Guthaben) erstattet, meist innerhalb von **5–7 Bankarbeitstagen**. Den Erstattungsstatus sehen Sie in Ihrem Fall.
- Downloads und Käufe werden **nach einer Identitätsprüfung wieder freigeschaltet**: Ihre Rechnungsadresse und entweder die Bestellnummer Ihres letzten Kaufs oder Gratis-Downloads oder der Name einer App, die Sie mit diesem Account geladen haben.""",
        ),
        "ru": (
            "Если в учётной записи есть несанкционированные покупки",
            """Если в истории покупок есть приложения, подписки или встроенные покупки, которых вы не совершали, действуйте сразу.

## 1. Убедитесь, что покупка действительно чужая
- Откройте **историю покупок** (*Настройки > ваше имя > Медиаматериалы и покупки > Просмотреть > История покупок*). Списания часто объединяются: одна строка в банковской выписке может включать несколько покупок.
- Спросите членов семьи: при **Семейном доступе** покупки участников оплачивает организатор.
- Проверьте **подписки**, которые продлились после бесплатного пробного периода.

## 2. Защитите учётную запись
1. **Сразу смените пароль** и выберите такой, который вы больше нигде не используете.
2. Включите **двухфакторную аутентификацию**.
3. Проверьте список устройств, на которых выполнен вход, и удалите незнакомые.

## 3. Сообщите нам
Обратитесь в поддержку и выберите *«В моей учётной записи есть несанкционированные покупки»*. Подготовьте:
- **номер заказа** из письма с чеком (буквы и цифры, например *MT4X9K2LQ*),
- дату и сумму, а также краткое описание.

На обращения по спорным покупкам мы отвечаем **в течение 24 часов**.

## Что будет дальше
- Для вашей защиты сотрудник может **временно отключить загрузки и покупки** в учётной записи.
- Покупки, совершённые без вашего согласия, возвращаются на исходный источник оплаты (карту или баланс магазина), обычно в течение **5–7 банковских рабочих дней**. Статус возврата виден в вашем обращении.
- Загрузки и покупки **включаются снова после проверки личности**: адрес для выставления счетов плюс номер заказа последней покупки или бесплатной загрузки либо название приложения, которое вы загружали с этой учётной записью.""",
        ),
    },
    {
        "id": "demo-store-unknown-charge",
        "group": "account-store",
        "topic": "purchases-billing",
        "en": (
            "If you don't recognise a charge from the store",
            """Most unfamiliar charges turn out to be a subscription, a family member's purchase or several purchases billed together.

## Find the purchase
1. Search your email for a **receipt** with the same amount; receipts list the order number and the items.
2. Open your **purchase history** and look around the date of the charge. Billing can happen a few days after the purchase.
3. Check **Settings > your name > Subscriptions** for active and recently renewed subscriptions.

## Common explanations
- **Bundled billing**: purchases made within a short time are charged together.
- **Family Sharing**: the organiser pays for purchases of family members, including children's *Ask to Buy* approvals.
- **Pre-authorisation**: your bank may show a small temporary hold when you add or update a card. It disappears after a few days.
- **Free trial ended** and the subscription renewed.

## Still not sure?
If you can't match the charge to any purchase in your account, it may have been made with another account or by someone else. Follow the steps in *If you see unauthorised purchases on your account* and contact support with the date, the amount and the first digits of the bank reference.""",
        ),
        "de": (
            "Wenn Sie eine Abbuchung des Stores nicht zuordnen können",
            """Die meisten unbekannten Abbuchungen stellen sich als Abo, Kauf eines Familienmitglieds oder mehrere gebündelte Käufe heraus.

## Den Kauf finden
1. Suchen Sie in Ihren E-Mails nach einem **Beleg** mit demselben Betrag; darin stehen Bestellnummer und Artikel.
2. Öffnen Sie Ihren **Kaufverlauf** und sehen Sie sich die Tage um die Abbuchung an. Die Abrechnung kann einige Tage nach dem Kauf erfolgen.
3. Prüfen Sie unter **Einstellungen > Ihr Name > Abonnements** aktive und kürzlich verlängerte Abos.

## Häufige Erklärungen
- **Gebündelte Abrechnung**: Käufe innerhalb kurzer Zeit werden zusammen abgebucht.
- **Familienfreigabe**: Der Organisator zahlt die Käufe der Familienmitglieder, auch genehmigte *Kaufanfragen* von Kindern.
- **Vorautorisierung**: Beim Hinzufügen oder Aktualisieren einer Karte zeigt die Bank eventuell eine kleine vorübergehende Reservierung. Sie verschwindet nach einigen Tagen.
- Ein **Probeabo ist abgelaufen** und hat sich verlängert.

## Immer noch unklar?
Lässt sich die Abbuchung keinem Kauf in Ihrem Account zuordnen, wurde sie vielleicht mit einem anderen Account oder von jemand anderem getätigt. Folgen Sie den Schritten in *Wenn Sie nicht autorisierte Käufe in Ihrem Account sehen* und kontaktieren Sie den Support mit Datum, Betrag und den ersten Zeichen der Bankreferenz.""",
        ),
        "ru": (
            "Если вы не узнаёте списание от магазина",
            """Чаще всего незнакомое списание оказывается подпиской, покупкой члена семьи или несколькими покупками, оплаченными одной суммой.

## Найдите покупку
1. Поищите в почте **чек** на ту же сумму — в нём указаны номер заказа и товары.
2. Откройте **историю покупок** и посмотрите дни около даты списания. Оплата может проходить через несколько дней после покупки.
3. Проверьте **Настройки > ваше имя > Подписки** — активные и недавно продлённые подписки.

## Частые причины
- **Объединённое списание**: покупки, сделанные за короткое время, оплачиваются вместе.
- **Семейный доступ**: организатор оплачивает покупки участников, включая одобренные запросы *«Попросить купить»* от детей.
- **Предварительная авторизация**: при добавлении или обновлении карты банк может показать небольшую временную блокировку суммы. Она исчезает через несколько дней.
- **Закончился бесплатный период**, и подписка продлилась.

## Всё ещё непонятно?
Если списание не совпадает ни с одной покупкой в вашей учётной записи, возможно, оно сделано с другой учётной записи или кем-то ещё. Выполните шаги из статьи *«Если в учётной записи есть несанкционированные покупки»* и обратитесь в поддержку, указав дату, сумму и первые символы банковского идентификатора платежа.""",
        ),
    },
    {
        "id": "demo-store-payment-method",
        "group": "account-store",
        "topic": "purchases-billing",
        "en": (
            "How to change or remove a payment method",
            """## Change the payment method
1. On iPhone or iPad, open **Settings > your name > Payment & Shipping**.
2. Tap **Add Payment Method**, enter the card details and confirm with your bank if asked.
3. Drag the new method to the top: purchases are charged to the first method that works.

On a Mac: open the App Store, click your name, then **Account Settings > Manage Payments**.

## Remove a payment method
Tap **Edit**, then **Remove**. You may not be able to remove the last method if you have:
- an **active subscription**,
- an **unpaid balance**,
- **Family Sharing** as the organiser (the organiser needs a payment method for the family).

## If a payment is declined
- Check the card's expiry date and billing address: it must match the one your bank has.
- Make sure the card allows online and international payments.
- An unpaid purchase blocks new downloads, even free apps, until it is paid.

## Store credit
Gift-card credit is used before your card. Your balance is shown under your name in the App Store.""",
        ),
        "de": (
            "Zahlungsmethode ändern oder entfernen",
            """## Zahlungsmethode ändern
1. Öffnen Sie auf iPhone oder iPad **Einstellungen > Ihr Name > Zahlung & Versand**.
2. Tippen Sie auf **Zahlungsmethode hinzufügen**, geben Sie die Kartendaten ein und bestätigen Sie bei Ihrer Bank, falls verlangt.
3. Ziehen Sie die neue Methode nach oben: Abgebucht wird von der ersten funktionierenden Methode.

Auf dem Mac: App Store öffnen, auf Ihren Namen klicken, dann **Accounteinstellungen > Zahlungen verwalten**.

## Zahlungsmethode entfernen
Tippen Sie auf **Bearbeiten** und dann auf **Entfernen**. Die letzte Methode lässt sich eventuell nicht entfernen, wenn Sie:
- ein **aktives Abo** haben,
- einen **offenen Betrag** haben,
- als Organisator die **Familienfreigabe** nutzen (der Organisator braucht eine Zahlungsmethode für die Familie).

## Wenn eine Zahlung abgelehnt wird
- Prüfen Sie Ablaufdatum und Rechnungsadresse: Sie muss mit der bei Ihrer Bank übereinstimmen.
- Stellen Sie sicher, dass die Karte Online- und Auslandszahlungen erlaubt.
- Ein offener Kauf blockiert neue Downloads, auch kostenloser Apps, bis er bezahlt ist.

## Guthaben
Guthaben aus Geschenkkarten wird vor der Karte verwendet. Ihr Guthaben sehen Sie im App Store unter Ihrem Namen.""",
        ),
        "ru": (
            "Как изменить или удалить способ оплаты",
            """## Изменить способ оплаты
1. На iPhone или iPad откройте **Настройки > ваше имя > Оплата и доставка**.
2. Нажмите **Добавить способ оплаты**, введите данные карты и при необходимости подтвердите операцию в банке.
3. Перетащите новый способ наверх: оплата списывается с первого работающего способа.

На Mac: откройте App Store, нажмите на своё имя, затем **Настройки учётной записи > Управление платежами**.

## Удалить способ оплаты
Нажмите **Изменить**, затем **Удалить**. Последний способ оплаты может не удаляться, если у вас:
- есть **активная подписка**,
- есть **неоплаченная задолженность**,
- вы организатор **Семейного доступа** (организатору нужен способ оплаты для семьи).

## Если платёж отклонён
- Проверьте срок действия карты и адрес для выставления счетов: он должен совпадать с адресом в банке.
- Убедитесь, что по карте разрешены онлайн- и международные платежи.
- Неоплаченная покупка блокирует новые загрузки, даже бесплатных приложений, пока она не будет оплачена.

## Баланс магазина
Средства с подарочных карт списываются раньше, чем с банковской карты. Баланс виден в App Store под вашим именем.""",
        ),
    },
    {
        "id": "demo-account-disabled",
        "group": "account-store",
        "topic": "account-security",
        "en": (
            "If your account is disabled or you forgot your password",
            """After several wrong password attempts your account is **disabled for security reasons**. This protects it from someone guessing the password. You can unlock it yourself in a few minutes.

## Unlock with a reset link
1. Go to **Sign in > Forgot password?** and enter the email address of your account.
2. We send a **reset link** to that address. It is valid for a limited time and works only once.
3. Open the link and choose a **new password**. The account is unlocked as soon as the new password is set.

For your safety, the page always says a link was sent, even if the address is not registered.

## Password rules
Your new password must:
- have at least **8 characters**, with at least one **digit**, one **uppercase** and one **lowercase** letter;
- **not contain three identical characters in a row** (such as *aaa*);
- not be your account name, a password you used before, or a common password.

## Didn't get the email?
- Check the spam folder and wait a few minutes.
- Make sure you entered the address of *this* account.
- No longer have access to that mailbox? Contact support: after verifying your identity, an agent can help you update the address on record.

## Someone else tried?
If you didn't cause the lock, change your password and review the devices signed in to your account. Sign-ins from new devices always trigger an email alert.""",
        ),
        "de": (
            "Wenn Ihr Account gesperrt ist oder Sie Ihr Passwort vergessen haben",
            """Nach mehreren falschen Passworteingaben wird Ihr Account **aus Sicherheitsgründen gesperrt**. Das schützt ihn davor, dass jemand das Passwort errät. Sie können ihn in wenigen Minuten selbst entsperren.

## Mit einem Link zum Zurücksetzen entsperren
1. Gehen Sie zu **Anmelden > Passwort vergessen?** und geben Sie die E-Mail-Adresse Ihres Accounts ein.
2. Wir senden einen **Link zum Zurücksetzen** an diese Adresse. Er ist begrenzt gültig und funktioniert nur einmal.
3. Öffnen Sie den Link und wählen Sie ein **neues Passwort**. Sobald es gesetzt ist, ist der Account entsperrt.

Zu Ihrer Sicherheit meldet die Seite immer, dass ein Link gesendet wurde – auch wenn die Adresse nicht registriert ist.

## Passwortregeln
Ihr neues Passwort muss:
- mindestens **8 Zeichen** haben, davon mindestens eine **Ziffer**, ein **Groß-** und ein **Kleinbuchstabe**;
- **keine drei gleichen Zeichen hintereinander** enthalten (wie *aaa*);
- weder Ihr Accountname noch ein früher verwendetes oder ein häufiges Passwort sein.

## Keine E-Mail erhalten?
- Prüfen Sie den Spam-Ordner und warten Sie einige Minuten.
- Prüfen Sie, ob Sie die Adresse *dieses* Accounts eingegeben haben.
- Kein Zugriff mehr auf das Postfach? Kontaktieren Sie den Support: Nach einer Identitätsprüfung hilft Ihnen ein Mitarbeiter, die hinterlegte Adresse zu ändern.

## Hat es jemand anderes versucht?
Haben Sie die Sperre nicht selbst ausgelöst, ändern Sie Ihr Passwort und prüfen Sie die angemeldeten Geräte. Anmeldungen von neuen Geräten lösen immer eine E-Mail-Benachrichtigung aus.""",
        ),
        "ru": (
            "Если учётная запись заблокирована или вы забыли пароль",
            """После нескольких попыток ввода неверного пароля учётная запись **блокируется из соображений безопасности**. Это защищает её от подбора пароля. Разблокировать её можно самостоятельно за несколько минут.

## Разблокировка по ссылке для сброса
1. Откройте **Вход > Забыли пароль?** и введите адрес электронной почты учётной записи.
2. Мы отправим на этот адрес **ссылку для сброса пароля**. Она действует ограниченное время и срабатывает только один раз.
3. Откройте ссылку и задайте **новый пароль**. Как только пароль изменён, учётная запись разблокирована.

В целях безопасности страница всегда сообщает, что ссылка отправлена, даже если такой адрес не зарегистрирован.

## Требования к паролю
Новый пароль должен:
- содержать не менее **8 символов**, в том числе хотя бы одну **цифру**, одну **заглавную** и одну **строчную** букву;
- **не содержать трёх одинаковых символов подряд** (например, *ааа*);
- не совпадать с именем учётной записи, ранее использованными паролями и распространёнными паролями.

## Письмо не пришло?
- Проверьте папку «Спам» и подождите несколько минут.
- Убедитесь, что ввели адрес *именно этой* учётной записи.
- Нет доступа к этому почтовому ящику? Обратитесь в поддержку: после проверки личности сотрудник поможет изменить адрес в учётной записи.

## Это были не вы?
Если блокировку вызвали не вы, смените пароль и проверьте список устройств, на которых выполнен вход. О входе с нового устройства мы всегда сообщаем по электронной почте.""",
        ),
    },
    {
        "id": "demo-account-new-device-alert",
        "group": "account-store",
        "topic": "account-security",
        "en": (
            "Email alert: your account was used on a new device",
            """We send an email when your account is used to **sign in or make a purchase on a device that hasn't been used with it before**.

## It was you
If you just set up a new phone, used a new browser or cleared your cookies, there's nothing to do. The device is now known.

## It wasn't you
Someone may know your password. Act now:
1. **Change your password** – use the link in *Forgot password?* if you can't sign in.
2. Turn on **two-factor authentication**.
3. Check **recent purchases** and report any you didn't make (see *If you see unauthorised purchases on your account*).
4. Check that your **email address and phone number** on the account are still yours.

## Someone changed my account details
Every change to your account – including its email address – is kept in the account history. Contact support: after verifying your identity with a few questions, an agent sends a message to the mailbox on record and can **revert the changes**.

## Is the email genuine?
Our alerts never ask for your password and never contain attachments. If in doubt, don't click the link: open the website yourself and sign in there.""",
        ),
        "de": (
            "E-Mail-Hinweis: Ihr Account wurde auf einem neuen Gerät verwendet",
            """Wir senden eine E-Mail, wenn mit Ihrem Account **eine Anmeldung oder ein Kauf auf einem Gerät erfolgt, das noch nie damit verwendet wurde**.

## Das waren Sie
Haben Sie gerade ein neues Telefon eingerichtet, einen neuen Browser verwendet oder Ihre Cookies gelöscht, müssen Sie nichts tun. Das Gerät ist jetzt bekannt.

## Das waren nicht Sie
Vielleicht kennt jemand Ihr Passwort. Handeln Sie jetzt:
1. **Ändern Sie Ihr Passwort** – über *Passwort vergessen?*, falls Sie sich nicht anmelden können.
2. Aktivieren Sie die **Zwei-Faktor-Authentifizierung**.
3. Prüfen Sie **letzte Käufe** und melden Sie unbekannte (siehe *Wenn Sie nicht autorisierte Käufe in Ihrem Account sehen*).
4. Prüfen Sie, ob **E-Mail-Adresse und Telefonnummer** im Account noch Ihre sind.

## Jemand hat meine Accountdaten geändert
Jede Änderung an Ihrem Account – auch der E-Mail-Adresse – wird im Accountverlauf gespeichert. Kontaktieren Sie den Support: Nach einer Identitätsprüfung mit einigen Fragen sendet ein Mitarbeiter eine Nachricht an das hinterlegte Postfach und kann **die Änderungen rückgängig machen**.

## Ist die E-Mail echt?
Unsere Hinweise fragen nie nach Ihrem Passwort und enthalten nie Anhänge. Klicken Sie im Zweifel nicht auf den Link: Öffnen Sie die Website selbst und melden Sie sich dort an.""",
        ),
        "ru": (
            "Письмо-уведомление: учётная запись использована на новом устройстве",
            """Мы отправляем письмо, когда с вашей учётной записью **выполняют вход или покупку на устройстве, которое раньше с ней не использовалось**.

## Это были вы
Если вы только что настроили новый телефон, вошли из нового браузера или очистили файлы cookie, ничего делать не нужно. Теперь устройство известно.

## Это были не вы
Возможно, кто-то знает ваш пароль. Действуйте сейчас:
1. **Смените пароль** — через *«Забыли пароль?»*, если войти не получается.
2. Включите **двухфакторную аутентификацию**.
3. Проверьте **последние покупки** и сообщите о тех, которых не совершали (см. *«Если в учётной записи есть несанкционированные покупки»*).
4. Убедитесь, что **адрес электронной почты и номер телефона** в учётной записи по-прежнему ваши.

## Кто-то изменил данные учётной записи
Каждое изменение учётной записи, включая адрес электронной почты, сохраняется в её истории. Обратитесь в поддержку: после проверки личности с помощью нескольких вопросов сотрудник отправит сообщение на почтовый ящик, указанный в учётной записи, и сможет **отменить изменения**.

## Письмо настоящее?
Наши уведомления никогда не запрашивают пароль и не содержат вложений. Если сомневаетесь, не переходите по ссылке: откройте сайт сами и войдите там.""",
        ),
    },
    {
        "id": "demo-account-two-factor",
        "group": "account-store",
        "topic": "account-security",
        "en": (
            "Protect your account with two-factor authentication",
            """With two-factor authentication, your password alone is not enough to sign in on a new device: you also need a **six-digit code** shown on one of your trusted devices or sent to your trusted phone number.

## Turn it on
1. On iPhone: **Settings > your name > Sign-In & Security > Two-Factor Authentication**.
2. Enter a **trusted phone number** where you can receive codes by text message or call.
3. Enter the verification code to finish.

## Good habits
- Add a **second trusted phone number**, for example a family member's, in case you lose your phone.
- Never tell anyone your code – support will **never ask for it**.
- Keep your devices updated and protected with a passcode.

## Signing in on a new device
Enter your password; a notification appears on your trusted devices with the approximate location of the sign-in. Tap **Allow** only if it was you, then type the code on the new device.

## Lost access to your trusted devices?
Use *Didn't get a code?* to receive it on your trusted phone number. If you have no access to any trusted device or number, start **account recovery** from the sign-in page; for your security it can take several days.""",
        ),
        "de": (
            "Schützen Sie Ihren Account mit der Zwei-Faktor-Authentifizierung",
            """Mit der Zwei-Faktor-Authentifizierung reicht Ihr Passwort allein nicht, um sich auf einem neuen Gerät anzumelden: Sie brauchen zusätzlich einen **sechsstelligen Code**, der auf einem vertrauenswürdigen Gerät angezeigt oder an Ihre vertrauenswürdige Telefonnummer gesendet wird.

## Einschalten
1. Auf dem iPhone: **Einstellungen > Ihr Name > Anmelden & Sicherheit > Zwei-Faktor-Authentifizierung**.
2. Geben Sie eine **vertrauenswürdige Telefonnummer** ein, unter der Sie Codes per SMS oder Anruf empfangen.
3. Geben Sie zum Abschluss den Bestätigungscode ein.

## Gute Gewohnheiten
- Fügen Sie eine **zweite vertrauenswürdige Telefonnummer** hinzu, etwa die eines Familienmitglieds, falls Sie Ihr Telefon verlieren.
- Geben Sie Ihren Code niemals weiter – der Support **fragt nie danach**.
- Halten Sie Ihre Geräte aktuell und mit einem Code geschützt.

## Anmeldung auf einem neuen Gerät
Geben Sie Ihr Passwort ein; auf Ihren vertrauenswürdigen Geräten erscheint ein Hinweis mit dem ungefähren Ort der Anmeldung. Tippen Sie nur auf **Erlauben**, wenn Sie es waren, und geben Sie den Code auf dem neuen Gerät ein.

## Kein Zugriff mehr auf vertrauenswürdige Geräte?
Wählen Sie *Keinen Code erhalten?*, um ihn an Ihre vertrauenswürdige Telefonnummer zu senden. Haben Sie weder Gerät noch Nummer, starten Sie auf der Anmeldeseite die **Accountwiederherstellung**; zu Ihrer Sicherheit kann sie mehrere Tage dauern.""",
        ),
        "ru": (
            "Защитите учётную запись двухфакторной аутентификацией",
            """При двухфакторной аутентификации одного пароля недостаточно, чтобы войти на новом устройстве: нужен ещё **шестизначный код**, который показывается на доверенном устройстве или приходит на доверенный номер телефона.

## Как включить
1. На iPhone: **Настройки > ваше имя > Вход и безопасность > Двухфакторная аутентификация**.
2. Укажите **доверенный номер телефона**, на который можно получать коды по SMS или звонком.
3. Введите код подтверждения.

## Полезные привычки
- Добавьте **второй доверенный номер**, например члена семьи, на случай потери телефона.
- Никому не сообщайте код — поддержка **никогда его не спрашивает**.
- Обновляйте устройства и защищайте их код-паролем.

## Вход на новом устройстве
Введите пароль; на доверенных устройствах появится уведомление с примерным местом входа. Нажимайте **«Разрешить»**, только если это вы, затем введите код на новом устройстве.

## Нет доступа к доверенным устройствам?
Выберите *«Не получили код?»*, чтобы получить его на доверенный номер. Если нет доступа ни к одному доверенному устройству и номеру, начните **восстановление доступа** со страницы входа; в целях безопасности оно может занять несколько дней.""",
        ),
    },
    {
        "id": "demo-store-cancel-subscription",
        "group": "account-store",
        "topic": "subscriptions",
        "en": (
            "How to cancel a subscription",
            """## Cancel on iPhone or iPad
1. Open **Settings > your name > Subscriptions**.
2. Tap the subscription, then **Cancel Subscription**. If you don't see *Cancel*, it is already cancelled and won't renew.

On a Mac: App Store > your name > **Account Settings > Subscriptions > Manage**.

## Good to know
- Cancel **at least 24 hours before** the renewal date to avoid being charged for the next period.
- After cancelling you keep access **until the end of the period** you've paid for.
- Cancelling a **free trial** ends it immediately in some apps; check the message shown when you cancel.
- Deleting the app does **not** cancel the subscription.

## The subscription isn't in the list
- You may have subscribed with **another account**: check which account the receipt was sent to.
- You may have subscribed **directly with the provider** (on its website or through your mobile carrier). Then cancel with them.
- In **Family Sharing**, each member manages their own subscriptions.

## Charged after cancelling?
If you were charged for a renewal after you cancelled in time, contact support with the order number. See also *How to request a refund*.""",
        ),
        "de": (
            "So kündigen Sie ein Abonnement",
            """## Auf iPhone oder iPad kündigen
1. Öffnen Sie **Einstellungen > Ihr Name > Abonnements**.
2. Tippen Sie auf das Abo und dann auf **Abo kündigen**. Sehen Sie *Kündigen* nicht, ist es bereits gekündigt und verlängert sich nicht.

Auf dem Mac: App Store > Ihr Name > **Accounteinstellungen > Abonnements > Verwalten**.

## Gut zu wissen
- Kündigen Sie **mindestens 24 Stunden vor** dem Verlängerungsdatum, damit der nächste Zeitraum nicht berechnet wird.
- Nach der Kündigung behalten Sie den Zugang **bis zum Ende des bezahlten Zeitraums**.
- Bei manchen Apps endet ein **Probeabo** mit der Kündigung sofort; beachten Sie den Hinweis beim Kündigen.
- Das Löschen der App kündigt das Abo **nicht**.

## Das Abo ist nicht in der Liste
- Vielleicht haben Sie es mit **einem anderen Account** abgeschlossen: Prüfen Sie, an welchen Account der Beleg ging.
- Vielleicht haben Sie es **direkt beim Anbieter** abgeschlossen (auf dessen Website oder über Ihren Mobilfunkanbieter). Kündigen Sie dann dort.
- In der **Familienfreigabe** verwaltet jedes Mitglied seine eigenen Abos.

## Nach der Kündigung abgebucht?
Wurde Ihnen eine Verlängerung berechnet, obwohl Sie rechtzeitig gekündigt haben, kontaktieren Sie den Support mit der Bestellnummer. Siehe auch *So beantragen Sie eine Erstattung*.""",
        ),
        "ru": (
            "Как отменить подписку",
            """## Отмена на iPhone или iPad
1. Откройте **Настройки > ваше имя > Подписки**.
2. Выберите подписку и нажмите **Отменить подписку**. Если кнопки *«Отменить»* нет, подписка уже отменена и не продлится.

На Mac: App Store > ваше имя > **Настройки учётной записи > Подписки > Управлять**.

## Полезно знать
- Отменяйте подписку **не позднее чем за 24 часа** до даты продления, чтобы за следующий период не списали оплату.
- После отмены доступ сохраняется **до конца оплаченного периода**.
- В некоторых приложениях отмена **бесплатного пробного периода** завершает его сразу — обратите внимание на сообщение при отмене.
- Удаление приложения **не отменяет** подписку.

## Подписки нет в списке
- Возможно, вы оформили её с **другой учётной записи**: проверьте, на какой адрес пришёл чек.
- Возможно, подписка оформлена **напрямую у поставщика** (на его сайте или через оператора связи). Тогда отменяйте её там.
- В **Семейном доступе** каждый участник управляет своими подписками сам.

## Списали деньги после отмены?
Если за продление списали оплату, хотя вы отменили подписку вовремя, обратитесь в поддержку с номером заказа. См. также *«Как запросить возврат средств»*.""",
        ),
    },
    {
        "id": "demo-store-family-subscriptions",
        "group": "account-store",
        "topic": "subscriptions",
        "en": (
            "Sharing subscriptions with Family Sharing",
            """With Family Sharing, up to six people can share eligible subscriptions and purchases, while each keeps their own account.

## Set up
1. The **organiser** opens *Settings > your name > Family Sharing* and invites members by name or email.
2. The organiser's payment method pays for the family's purchases.
3. Turn on **Purchase Sharing** and choose which subscriptions to share under *Subscriptions*.

## Ask to Buy for children
For children under 18, turn on **Ask to Buy**: every purchase or free download sends a request to the organiser, who approves or declines it on their device. This prevents surprise charges.

## Common questions
- **A member doesn't see the subscription**: not every subscription supports sharing. The member must also be signed in with their own account in *Media & Purchases*.
- **Two subscriptions to the same service**: if a member had their own subscription before, they may be charged twice. They can cancel their own in *Settings > Subscriptions*; it may be eligible for a refund.
- **Leaving a family**: the member loses access to shared subscriptions but keeps their own purchases.

Charges by family members appear on the organiser's statement. If you don't recognise one, ask your family first – see *If you don't recognise a charge from the store*.""",
        ),
        "de": (
            "Abos mit der Familienfreigabe teilen",
            """Mit der Familienfreigabe können bis zu sechs Personen geeignete Abos und Käufe teilen, während jede ihren eigenen Account behält.

## Einrichten
1. Der **Organisator** öffnet *Einstellungen > Ihr Name > Familienfreigabe* und lädt Mitglieder per Name oder E-Mail ein.
2. Die Zahlungsmethode des Organisators bezahlt die Käufe der Familie.
3. Aktivieren Sie **Käufe teilen** und wählen Sie unter *Abonnements*, welche Abos geteilt werden.

## Kaufanfrage für Kinder
Schalten Sie für Kinder unter 18 die **Kaufanfrage** ein: Jeder Kauf und jeder Gratis-Download schickt eine Anfrage an den Organisator, der sie auf seinem Gerät genehmigt oder ablehnt. So gibt es keine Überraschungen auf der Abrechnung.

## Häufige Fragen
- **Ein Mitglied sieht das Abo nicht**: Nicht jedes Abo unterstützt das Teilen. Außerdem muss das Mitglied unter *Medien & Käufe* mit seinem eigenen Account angemeldet sein.
- **Zwei Abos für denselben Dienst**: Hatte ein Mitglied vorher ein eigenes Abo, wird eventuell doppelt abgebucht. Es kann sein eigenes Abo unter *Einstellungen > Abonnements* kündigen; eventuell ist eine Erstattung möglich.
- **Familie verlassen**: Das Mitglied verliert den Zugang zu geteilten Abos, behält aber seine eigenen Käufe.

Käufe der Familienmitglieder erscheinen auf der Abrechnung des Organisators. Erkennen Sie eine Abbuchung nicht, fragen Sie zuerst in der Familie nach – siehe *Wenn Sie eine Abbuchung des Stores nicht zuordnen können*.""",
        ),
        "ru": (
            "Общие подписки в Семейном доступе",
            """С Семейным доступом до шести человек могут пользоваться общими подписками и покупками, при этом у каждого остаётся своя учётная запись.

## Настройка
1. **Организатор** открывает *Настройки > ваше имя > Семейный доступ* и приглашает участников по имени или адресу электронной почты.
2. Покупки семьи оплачиваются способом оплаты организатора.
3. Включите **Общий доступ к покупкам** и в разделе *Подписки* выберите, какими подписками делиться.

## «Попросить купить» для детей
Для детей младше 18 лет включите **«Попросить купить»**: каждая покупка или бесплатная загрузка отправляет запрос организатору, который одобряет или отклоняет его на своём устройстве. Так не будет неожиданных списаний.

## Частые вопросы
- **Участник не видит подписку**: не все подписки поддерживают общий доступ. Кроме того, участник должен войти со своей учётной записью в разделе *«Медиаматериалы и покупки»*.
- **Две подписки на один сервис**: если у участника раньше была своя подписка, оплата может списываться дважды. Он может отменить свою подписку в *Настройки > Подписки*; возможно, за неё положен возврат.
- **Выход из семьи**: участник теряет доступ к общим подпискам, но сохраняет свои покупки.

Покупки участников отображаются в выписке организатора. Если не узнаёте списание, сначала спросите членов семьи — см. *«Если вы не узнаёте списание от магазина»*.""",
        ),
    },
    {
        "id": "demo-store-request-refund",
        "group": "account-store",
        "topic": "refunds",
        "en": (
            "How to request a refund",
            """You can request a refund for an app, subscription, in-app purchase, film or book if it was bought by mistake, doesn't work as described, or a child bought it without permission.

## Request it online
1. Find the purchase in your **purchase history** or the receipt email.
2. Choose **Report a Problem** next to the item.
3. Select the reason – for example *I didn't mean to buy this* or *Item doesn't work as expected* – and describe briefly what happened.
4. Submit. You'll see the status of the request in your purchase history.

Requests should be made **within 90 days** of the purchase.

## Via support
If you can't find the item or the request is declined but you believe it shouldn't be, contact support with the **order number**. For purchases you didn't make at all, follow *If you see unauthorised purchases on your account* instead – those are handled with priority.

## What doesn't qualify
- Purchases that were used up (for example in-game currency already spent) may not be refundable.
- Gift-card purchases are refunded as store credit.

See *When will I get my refund?* for how long it takes.""",
        ),
        "de": (
            "So beantragen Sie eine Erstattung",
            """Sie können für eine App, ein Abo, einen In-App-Kauf, einen Film oder ein Buch eine Erstattung beantragen, wenn der Kauf versehentlich erfolgte, der Artikel nicht wie beschrieben funktioniert oder ein Kind ihn ohne Erlaubnis gekauft hat.

## Online beantragen
1. Suchen Sie den Kauf im **Kaufverlauf** oder in der Beleg-E-Mail.
2. Wählen Sie neben dem Artikel **Problem melden**.
3. Wählen Sie den Grund – etwa *Ich wollte das nicht kaufen* oder *Artikel funktioniert nicht wie erwartet* – und beschreiben Sie kurz, was passiert ist.
4. Senden Sie die Anfrage ab. Den Status sehen Sie im Kaufverlauf.

Anfragen sollten **innerhalb von 90 Tagen** nach dem Kauf gestellt werden.

## Über den Support
Finden Sie den Artikel nicht oder wurde die Anfrage abgelehnt, obwohl Sie das für falsch halten, kontaktieren Sie den Support mit der **Bestellnummer**. Bei Käufen, die Sie gar nicht getätigt haben, folgen Sie stattdessen *Wenn Sie nicht autorisierte Käufe in Ihrem Account sehen* – diese werden vorrangig bearbeitet.

## Was nicht erstattet wird
- Verbrauchte Käufe (etwa bereits ausgegebene Spielwährung) sind eventuell nicht erstattungsfähig.
- Mit Geschenkkarten bezahlte Käufe werden als Guthaben erstattet.

Wie lange es dauert, steht in *Wann erhalte ich meine Erstattung?*.""",
        ),
        "ru": (
            "Как запросить возврат средств",
            """Вернуть деньги можно за приложение, подписку, встроенную покупку, фильм или книгу, если покупка сделана по ошибке, товар не работает как заявлено или его без разрешения купил ребёнок.

## Запрос онлайн
1. Найдите покупку в **истории покупок** или в письме с чеком.
2. Рядом с товаром выберите **Сообщить о проблеме**.
3. Укажите причину — например, *«Я не собирался это покупать»* или *«Товар работает не так, как ожидалось»* — и кратко опишите, что произошло.
4. Отправьте запрос. Его статус виден в истории покупок.

Запрос нужно отправить **в течение 90 дней** после покупки.

## Через поддержку
Если вы не нашли товар или в запросе отказали, а вы считаете это ошибкой, обратитесь в поддержку с **номером заказа**. Если покупку вы не совершали вовсе, воспользуйтесь статьёй *«Если в учётной записи есть несанкционированные покупки»* — такие обращения рассматриваются в первую очередь.

## Что не возвращается
- Израсходованные покупки (например, уже потраченная игровая валюта) могут не подлежать возврату.
- Покупки, оплаченные подарочной картой, возвращаются на баланс магазина.

Сроки возврата описаны в статье *«Когда придут деньги за возврат?»*.""",
        ),
    },
    {
        "id": "demo-store-refund-timing",
        "group": "account-store",
        "topic": "refunds",
        "en": (
            "When will I get my refund?",
            """Once a refund is approved, the money goes back to **the source it came from**.

## How long it takes
| Paid with | Refund arrives |
|---|---|
| Store credit / gift card | within 48 hours |
| Credit or debit card | usually **5–7 bank business days** |
| Mobile phone bill | up to 60 days, depending on the carrier |
| Bank transfer or other methods | up to 30 days |

Weekends and bank holidays are not business days, so a refund approved on a Friday usually arrives in the second half of the following week.

## Track it
- In your **purchase history**, the item shows *Refund pending* and then *Refunded*.
- If the refund is part of a support case, the case page shows its state: *requested*, *approved*, *sent to your bank*.

## The refund hasn't arrived
1. Check the dates: count business days, not calendar days.
2. Look for the refund on your statement under the same name as the original charge; it may appear as a *credit* or *reversal* rather than a separate line.
3. If more than 10 business days have passed since it was sent to your bank, contact support with the order number: we'll give you the refund reference so your bank can trace it.""",
        ),
        "de": (
            "Wann erhalte ich meine Erstattung?",
            """Wird eine Erstattung genehmigt, geht das Geld an **die ursprüngliche Zahlungsquelle** zurück.

## Wie lange es dauert
| Bezahlt mit | Erstattung kommt an |
|---|---|
| Guthaben / Geschenkkarte | innerhalb von 48 Stunden |
| Kredit- oder Debitkarte | meist **5–7 Bankarbeitstage** |
| Mobilfunkrechnung | bis zu 60 Tage, je nach Anbieter |
| Überweisung oder andere Methoden | bis zu 30 Tage |

Wochenenden und Feiertage sind keine Bankarbeitstage. Eine am Freitag genehmigte Erstattung kommt daher meist in der zweiten Hälfte der Folgewoche an.

## Verfolgen
- Im **Kaufverlauf** zeigt der Artikel *Erstattung ausstehend* und danach *Erstattet*.
- Gehört die Erstattung zu einem Supportfall, zeigt die Fallseite den Stand: *beantragt*, *genehmigt*, *an Ihre Bank gesendet*.

## Die Erstattung ist nicht angekommen
1. Prüfen Sie die Fristen: Zählen Sie Bankarbeitstage, nicht Kalendertage.
2. Suchen Sie auf dem Kontoauszug unter demselben Namen wie die ursprüngliche Abbuchung; die Erstattung kann als *Gutschrift* oder *Rückbuchung* statt als eigene Zeile erscheinen.
3. Sind seit dem Versand an Ihre Bank mehr als 10 Bankarbeitstage vergangen, kontaktieren Sie den Support mit der Bestellnummer: Wir nennen Ihnen die Erstattungsreferenz, damit Ihre Bank sie nachverfolgen kann.""",
        ),
        "ru": (
            "Когда придут деньги за возврат?",
            """После одобрения возврата деньги поступают **на тот же источник, с которого была оплата**.

## Сроки
| Способ оплаты | Когда поступят деньги |
|---|---|
| Баланс магазина / подарочная карта | в течение 48 часов |
| Кредитная или дебетовая карта | обычно **5–7 банковских рабочих дней** |
| Счёт мобильного телефона | до 60 дней, в зависимости от оператора |
| Банковский перевод и другие способы | до 30 дней |

Выходные и праздничные дни не считаются банковскими рабочими днями, поэтому возврат, одобренный в пятницу, обычно приходит во второй половине следующей недели.

## Как отслеживать
- В **истории покупок** у товара сначала отображается *«Ожидает возврата»*, затем *«Возвращено»*.
- Если возврат оформлен в рамках обращения в поддержку, на странице обращения виден его статус: *запрошен*, *одобрен*, *отправлен в банк*.

## Деньги не пришли
1. Проверьте сроки: считайте банковские рабочие дни, а не календарные.
2. Ищите возврат в выписке под тем же названием, что и исходное списание; он может отображаться как *зачисление* или *отмена операции*, а не отдельной строкой.
3. Если с момента отправки в банк прошло больше 10 рабочих дней, обратитесь в поддержку с номером заказа: мы сообщим идентификатор возврата, по которому банк сможет его найти.""",
        ),
    },
]
