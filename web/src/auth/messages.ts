import type { Messages } from "../i18n";

type Key =
  | "auth.email" | "auth.password" | "auth.newPassword" | "auth.passwordHint" | "auth.name"
  | "auth.login.title" | "auth.login.submit" | "auth.login.notVerified" | "auth.login.throttled"
  | "auth.login.forgot" | "auth.login.noAccount"
  | "auth.signup.title" | "auth.signup.intro" | "auth.signup.organisation" | "auth.signup.name"
  | "auth.signup.timeZone" | "auth.signup.language" | "auth.signup.submit" | "auth.signup.done"
  | "auth.signup.doneText" | "auth.signup.haveAccount"
  | "auth.language.et" | "auth.language.en"
  | "auth.verify.title" | "auth.verify.intro" | "auth.verify.submit" | "auth.verify.done"
  | "auth.verifyNew.title" | "auth.verifyNew.intro" | "auth.verifyNew.submit" | "auth.verifyNew.done"
  | "auth.invite.title" | "auth.invite.intro" | "auth.invite.submit" | "auth.invite.done"
  | "auth.reset.title" | "auth.reset.intro" | "auth.reset.submit" | "auth.reset.done"
  | "auth.forgot.title" | "auth.forgot.intro" | "auth.forgot.submit" | "auth.forgot.done"
  | "auth.goToLogin" | "auth.noToken" | "auth.requestNewReset";

export const authMessages: Messages<Key> = {
  en: {
    "auth.email": "Email",
    "auth.password": "Password",
    "auth.newPassword": "New password",
    "auth.passwordHint": "At least 10 characters; not a common password.",
    "auth.name": "Your name",
    "auth.login.title": "Log in",
    "auth.login.submit": "Log in",
    "auth.login.notVerified":
      "Your email address is not verified yet. We have emailed you a new verification link: open it, then log in.",
    "auth.login.throttled": "Too many failed attempts. Wait a few minutes and try again.",
    "auth.login.forgot": "Forgot your password?",
    "auth.login.noAccount": "New to Soket? Create an account",
    "auth.signup.title": "Create an account",
    "auth.signup.intro": "Create a Soket account for your organisation. You will be its first administrator.",
    "auth.signup.organisation": "Organisation name",
    "auth.signup.name": "Your name",
    "auth.signup.timeZone": "Time zone",
    "auth.signup.language": "Language of messages to participants",
    "auth.signup.submit": "Create account",
    "auth.signup.done": "Check your email",
    "auth.signup.doneText": "We have sent a verification link to {email}. Open it to verify your address, then log in.",
    "auth.signup.haveAccount": "Already have an account? Log in",
    "auth.language.et": "Estonian",
    "auth.language.en": "English",
    "auth.verify.title": "Verify your email address",
    "auth.verify.intro": "Confirm that this email address is yours.",
    "auth.verify.submit": "Verify email address",
    "auth.verify.done": "Your email address is verified. You can now log in.",
    "auth.verifyNew.title": "Confirm your new email address",
    "auth.verifyNew.intro": "Confirm that this new email address is yours. It will become your login.",
    "auth.verifyNew.submit": "Confirm new email address",
    "auth.verifyNew.done": "Your new email address is in use. Log in with it from now on.",
    "auth.invite.title": "Accept the invitation",
    "auth.invite.intro": "You have been invited to Soket. Tell us your name and choose a password.",
    "auth.invite.submit": "Join",
    "auth.invite.done": "Welcome aboard. You can now log in.",
    "auth.reset.title": "Set a new password",
    "auth.reset.intro": "Choose a new password for your account. Any open sessions will end.",
    "auth.reset.submit": "Set password",
    "auth.reset.done": "Your password is set. You can now log in.",
    "auth.forgot.title": "Forgot your password",
    "auth.forgot.intro": "Enter your email address and we will send you a link to set a new password.",
    "auth.forgot.submit": "Send reset link",
    "auth.forgot.done": "If this address has an account, a reset link is on its way. It works for 30 minutes.",
    "auth.goToLogin": "Go to login",
    "auth.noToken": "This link is incomplete. Open the link from your email again.",
    "auth.requestNewReset": "Ask for a new link",
  },
  et: {
    "auth.email": "E-post",
    "auth.password": "Parool",
    "auth.newPassword": "Uus parool",
    "auth.passwordHint": "Vähemalt 10 märki; mitte levinud parool.",
    "auth.name": "Sinu nimi",
    "auth.login.title": "Logi sisse",
    "auth.login.submit": "Logi sisse",
    "auth.login.notVerified":
      "Sinu e-posti aadress pole veel kinnitatud. Saatsime sulle uue kinnituslingi: ava see ja logi siis sisse.",
    "auth.login.throttled": "Liiga palju ebaõnnestunud katseid. Oota mõni minut ja proovi uuesti.",
    "auth.login.forgot": "Unustasid parooli?",
    "auth.login.noAccount": "Uus Soketis? Loo konto",
    "auth.signup.title": "Loo konto",
    "auth.signup.intro": "Loo oma organisatsioonile Soketi konto. Sinust saab selle esimene administraator.",
    "auth.signup.organisation": "Organisatsiooni nimi",
    "auth.signup.name": "Sinu nimi",
    "auth.signup.timeZone": "Ajavöönd",
    "auth.signup.language": "Osalejatele saadetavate sõnumite keel",
    "auth.signup.submit": "Loo konto",
    "auth.signup.done": "Vaata oma postkasti",
    "auth.signup.doneText": "Saatsime kinnituslingi aadressile {email}. Ava see aadressi kinnitamiseks ja logi siis sisse.",
    "auth.signup.haveAccount": "Sul on juba konto? Logi sisse",
    "auth.language.et": "Eesti",
    "auth.language.en": "Inglise",
    "auth.verify.title": "Kinnita oma e-posti aadress",
    "auth.verify.intro": "Kinnita, et see e-posti aadress kuulub sulle.",
    "auth.verify.submit": "Kinnita e-posti aadress",
    "auth.verify.done": "Sinu e-posti aadress on kinnitatud. Nüüd saad sisse logida.",
    "auth.verifyNew.title": "Kinnita oma uus e-posti aadress",
    "auth.verifyNew.intro": "Kinnita, et see uus e-posti aadress kuulub sulle. Sellest saab sinu kasutajanimi.",
    "auth.verifyNew.submit": "Kinnita uus e-posti aadress",
    "auth.verifyNew.done": "Sinu uus e-posti aadress on kasutusel. Logi edaspidi sisse sellega.",
    "auth.invite.title": "Võta kutse vastu",
    "auth.invite.intro": "Sind on kutsutud Soketisse. Sisesta oma nimi ja vali parool.",
    "auth.invite.submit": "Liitu",
    "auth.invite.done": "Tere tulemast! Nüüd saad sisse logida.",
    "auth.reset.title": "Määra uus parool",
    "auth.reset.intro": "Vali oma kontole uus parool. Kõik avatud sessioonid lõpetatakse.",
    "auth.reset.submit": "Määra parool",
    "auth.reset.done": "Sinu parool on määratud. Nüüd saad sisse logida.",
    "auth.forgot.title": "Unustasid parooli",
    "auth.forgot.intro": "Sisesta oma e-posti aadress ja saadame sulle lingi uue parooli määramiseks.",
    "auth.forgot.submit": "Saada lähtestamise link",
    "auth.forgot.done": "Kui sellel aadressil on konto, on lähtestamise link teel. See kehtib 30 minutit.",
    "auth.goToLogin": "Mine sisselogimise juurde",
    "auth.noToken": "See link on puudulik. Ava link oma e-kirjast uuesti.",
    "auth.requestNewReset": "Küsi uus link",
  },
};
