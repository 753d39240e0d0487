"""A first text per mail and language, to start editing from.

These are content, not interface: the French and English texts are French and English on
purpose and do not go through the translation catalogue. Nothing uses them until the office
saves a text; before that, the built-in (Dutch) mail goes out.
"""

from eigenkracht.trainings.mail_templates.kinds import Kind, Language

_SIGN_NL = "Tot binnenkort,\n{organisatie}"
_SIGN_FR = "À bientôt,\n{organisatie}"
_SIGN_EN = "See you soon,\n{organisatie}"

STARTERS: dict[tuple[str, str], tuple[str, str]] = {
    # Registration received ---------------------------------------------------------------------
    (Kind.RECEIVED, Language.NL): (
        "Inschrijving ontvangen: {vorming}",
        "Dag {voornaam},\n\n"
        'We hebben je inschrijving voor "{vorming}" goed ontvangen. Je plaats is vastgehouden '
        "tot {betalen_voor}. Zodra we je betaling zien, krijg je een bevestiging.\n\n"
        "## Zo betaal je\n\n{betaalinstructies}\n\n"
        "Gebruik zeker de gestructureerde mededeling: zo vinden we je betaling meteen terug.\n\n"
        "## De vorming\n\n{sessies}\n\n{locatie}\n\n"
        "**Ingeschreven:**\n\n{deelnemers}\n\n"
        "Je inschrijving en de betaalgegevens vind je altijd terug op: {inschrijving_link}\n\n"
        + _SIGN_NL,
    ),
    (Kind.RECEIVED, Language.FR): (
        "Inscription reçue : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Nous avons bien reçu votre inscription à « {vorming} ». Votre place est réservée "
        "jusqu'au {betalen_voor}. Dès réception de votre paiement, vous recevrez une "
        "confirmation.\n\n"
        "## Comment payer\n\n"
        "Montant : {nog_te_betalen}\n"
        "Compte (IBAN) : {iban}\n"
        "BIC : {bic}\n"
        "Bénéficiaire : {begunstigde}\n"
        "Communication structurée : **{mededeling}**\n"
        "À payer avant le : {betalen_voor}\n\n"
        "{qr_code}\n\n"
        "Utilisez bien la communication structurée : nous retrouverons ainsi tout de suite "
        "votre paiement.\n\n"
        "## La formation\n\n{sessies}\n\n{locatie}\n\n"
        "**Inscrits :**\n\n{deelnemers}\n\n"
        "Votre inscription et les données de paiement : {inschrijving_link}\n\n" + _SIGN_FR,
    ),
    (Kind.RECEIVED, Language.EN): (
        "Registration received: {vorming}",
        "Dear {voornaam},\n\n"
        'We have received your registration for "{vorming}". Your seat is held until '
        "{betalen_voor}. As soon as we see your payment, you will get a confirmation.\n\n"
        "## How to pay\n\n"
        "Amount: {nog_te_betalen}\n"
        "Account (IBAN): {iban}\n"
        "BIC: {bic}\n"
        "Beneficiary: {begunstigde}\n"
        "Structured reference: **{mededeling}**\n"
        "Pay before: {betalen_voor}\n\n"
        "{qr_code}\n\n"
        "Please use the structured reference: it lets us find your payment right away.\n\n"
        "## The training\n\n{sessies}\n\n{locatie}\n\n"
        "**Registered:**\n\n{deelnemers}\n\n"
        "Your registration and the payment details: {inschrijving_link}\n\n" + _SIGN_EN,
    ),
    # Partially paid ----------------------------------------------------------------------------
    (Kind.PARTIALLY_PAID, Language.NL): (
        "Nog te betalen: {vorming}",
        "Dag {voornaam},\n\n"
        'Voor je inschrijving voor "{vorming}" ontvingen we {betaald} van de {te_betalen}. '
        "Je plaats blijft vastgehouden tot de betaaldatum. Betaal het resterende bedrag met "
        "dezelfde gestructureerde mededeling:\n\n{betaalinstructies}\n\n"
        "Je inschrijving: {inschrijving_link}\n\n{organisatie}",
    ),
    (Kind.PARTIALLY_PAID, Language.FR): (
        "Reste à payer : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Pour votre inscription à « {vorming} », nous avons reçu {betaald} sur {te_betalen}. "
        "Votre place reste réservée jusqu'à la date de paiement. Veuillez payer le solde avec "
        "la même communication structurée :\n\n"
        "Reste à payer : {nog_te_betalen}\n"
        "Compte (IBAN) : {iban}\n"
        "BIC : {bic}\n"
        "Bénéficiaire : {begunstigde}\n"
        "Communication structurée : **{mededeling}**\n"
        "À payer avant le : {betalen_voor}\n\n"
        "{qr_code}\n\n"
        "Votre inscription : {inschrijving_link}\n\n{organisatie}",
    ),
    (Kind.PARTIALLY_PAID, Language.EN): (
        "Still to pay: {vorming}",
        "Dear {voornaam},\n\n"
        'For your registration for "{vorming}" we received {betaald} of {te_betalen}. Your '
        "seat stays held until the payment date. Please pay the rest with the same structured "
        "reference:\n\n"
        "Still to pay: {nog_te_betalen}\n"
        "Account (IBAN): {iban}\n"
        "BIC: {bic}\n"
        "Beneficiary: {begunstigde}\n"
        "Structured reference: **{mededeling}**\n"
        "Pay before: {betalen_voor}\n\n"
        "{qr_code}\n\n"
        "Your registration: {inschrijving_link}\n\n{organisatie}",
    ),
    # Payment reminder --------------------------------------------------------------------------
    (Kind.REMINDER, Language.NL): (
        "Herinnering: betaal je inschrijving voor {vorming}",
        "Dag {voornaam},\n\n"
        'We ontvingen nog geen (volledige) betaling voor je inschrijving voor "{vorming}". '
        "Je plaats blijft vastgehouden tot {betalen_voor}; daarna vervalt de inschrijving.\n\n"
        "{betaalinstructies}\n\n"
        "Heb je intussen betaald? Dan mag je deze mail negeren.\n\n"
        "Je inschrijving: {inschrijving_link}\n\n{organisatie}",
    ),
    (Kind.REMINDER, Language.FR): (
        "Rappel : paiement de votre inscription à {vorming}",
        "Bonjour {voornaam},\n\n"
        "Nous n'avons pas encore reçu le paiement (complet) de votre inscription à "
        "« {vorming} ». Votre place reste réservée jusqu'au {betalen_voor} ; ensuite, "
        "l'inscription expire.\n\n"
        "Reste à payer : {nog_te_betalen}\n"
        "Compte (IBAN) : {iban}\n"
        "BIC : {bic}\n"
        "Bénéficiaire : {begunstigde}\n"
        "Communication structurée : **{mededeling}**\n\n"
        "{qr_code}\n\n"
        "Vous avez payé entre-temps ? Vous pouvez ignorer ce message.\n\n"
        "Votre inscription : {inschrijving_link}\n\n{organisatie}",
    ),
    (Kind.REMINDER, Language.EN): (
        "Reminder: please pay your registration for {vorming}",
        "Dear {voornaam},\n\n"
        'We have not yet received (full) payment for your registration for "{vorming}". '
        "Your seat is held until {betalen_voor}; after that the registration expires.\n\n"
        "Still to pay: {nog_te_betalen}\n"
        "Account (IBAN): {iban}\n"
        "BIC: {bic}\n"
        "Beneficiary: {begunstigde}\n"
        "Structured reference: **{mededeling}**\n\n"
        "{qr_code}\n\n"
        "Already paid? Then you can ignore this message.\n\n"
        "Your registration: {inschrijving_link}\n\n{organisatie}",
    ),
    # Expired -----------------------------------------------------------------------------------
    (Kind.EXPIRED, Language.NL): (
        "Je inschrijving is vervallen: {vorming}",
        "Dag {voornaam},\n\n"
        "We ontvingen vóór {betalen_voor} geen volledige betaling voor je inschrijving voor "
        '"{vorming}". Daarom is de inschrijving vervallen en zijn je plaatsen vrijgegeven.\n\n'
        "Betaalde je toch, of wil je alsnog deelnemen? Mail ons: zolang er plaats is, zetten "
        "we je inschrijving graag terug. {organisatie_email}\n\n{organisatie}",
    ),
    (Kind.EXPIRED, Language.FR): (
        "Votre inscription a expiré : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Nous n'avons pas reçu le paiement complet de votre inscription à « {vorming} » avant "
        "le {betalen_voor}. L'inscription a donc expiré et vos places ont été libérées.\n\n"
        "Vous avez tout de même payé, ou vous souhaitez encore participer ? Écrivez-nous : tant "
        "qu'il reste de la place, nous rétablirons volontiers votre inscription. "
        "{organisatie_email}\n\n{organisatie}",
    ),
    (Kind.EXPIRED, Language.EN): (
        "Your registration has expired: {vorming}",
        "Dear {voornaam},\n\n"
        'We did not receive full payment for your registration for "{vorming}" before '
        "{betalen_voor}. The registration has therefore expired and your seats are free "
        "again.\n\n"
        "Did you pay after all, or would you still like to take part? Mail us: as long as there "
        "is room, we will gladly restore your registration. {organisatie_email}\n\n"
        "{organisatie}",
    ),
    # Confirmed ---------------------------------------------------------------------------------
    (Kind.CONFIRMED, Language.NL): (
        "Inschrijving bevestigd: {vorming}",
        "Dag {voornaam},\n\n"
        'Je inschrijving voor "{vorming}" is bevestigd. We ontvingen {betaald}, dank je wel.\n\n'
        "## De vorming\n\n{sessies}\n\n{locatie}\n\n"
        "**Ingeschreven:**\n\n{deelnemers}\n\n"
        "In de bijlage vind je de data als agenda-bestand (vorming.ics).\n\n"
        "Je inschrijving: {inschrijving_link}\n\n" + _SIGN_NL,
    ),
    (Kind.CONFIRMED, Language.FR): (
        "Inscription confirmée : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Votre inscription à « {vorming} » est confirmée. Nous avons reçu {betaald}, merci.\n\n"
        "## La formation\n\n{sessies}\n\n{locatie}\n\n"
        "**Inscrits :**\n\n{deelnemers}\n\n"
        "Vous trouverez les dates en pièce jointe, sous forme de fichier agenda (vorming.ics).\n\n"
        "Votre inscription : {inschrijving_link}\n\n" + _SIGN_FR,
    ),
    (Kind.CONFIRMED, Language.EN): (
        "Registration confirmed: {vorming}",
        "Dear {voornaam},\n\n"
        'Your registration for "{vorming}" is confirmed. We received {betaald}, thank you.\n\n'
        "## The training\n\n{sessies}\n\n{locatie}\n\n"
        "**Registered:**\n\n{deelnemers}\n\n"
        "The dates are attached as a calendar file (vorming.ics).\n\n"
        "Your registration: {inschrijving_link}\n\n" + _SIGN_EN,
    ),
    # Waiting list: a seat is offered -----------------------------------------------------------
    (Kind.OFFER, Language.NL): (
        "Er is een plaats vrij voor jou: {vorming}",
        "Dag {voornaam},\n\n"
        'Goed nieuws: voor "{vorming}" is een plaats vrijgekomen, en we bieden ze jou aan van op '
        "de wachtlijst.\n\n"
        "We houden de plaats voor je vast tot {aanbod_geldig_tot}. Wil je ze? Bevestig dan via "
        "deze link: {aanbod_link}\n\n"
        "Daarna krijg je de betaalgegevens. Reageer je niet op tijd, dan gaat de plaats naar "
        "de volgende op de wachtlijst.\n\n{sessies}\n\n{locatie}\n\n{organisatie}",
    ),
    (Kind.OFFER, Language.FR): (
        "Une place s'est libérée pour vous : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Bonne nouvelle : une place s'est libérée pour « {vorming} », et nous vous la proposons "
        "depuis la liste d'attente.\n\n"
        "Nous vous réservons la place jusqu'au {aanbod_geldig_tot}. Vous la voulez ? "
        "Confirmez via ce lien : {aanbod_link}\n\n"
        "Vous recevrez ensuite les données de paiement. Sans réponse à temps, la place revient "
        "à la personne suivante sur la liste d'attente.\n\n{sessies}\n\n{locatie}\n\n"
        "{organisatie}",
    ),
    (Kind.OFFER, Language.EN): (
        "A seat is free for you: {vorming}",
        "Dear {voornaam},\n\n"
        'Good news: a seat has come free for "{vorming}", and we offer it to you from the '
        "waiting list.\n\n"
        "We hold the seat for you until {aanbod_geldig_tot}. Would you like it? Then confirm "
        "with this link: {aanbod_link}\n\n"
        "You will then get the payment details. If you do not answer in time, the seat goes "
        "to the next person on the waiting list.\n\n{sessies}\n\n{locatie}\n\n{organisatie}",
    ),
    # Certificate of attendance -----------------------------------------------------------------
    (Kind.CERTIFICATE, Language.NL): (
        "Je attest van deelname: {vorming}",
        "Dag {voornaam},\n\n"
        'Bedankt voor je deelname aan "{vorming}". In de bijlage vind je je attest van '
        "deelname.\n\n{sessies}\n\n{organisatie}\n{organisatie_email}",
    ),
    (Kind.CERTIFICATE, Language.FR): (
        "Votre attestation de participation : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Merci pour votre participation à « {vorming} ». Vous trouverez votre attestation de "
        "participation en pièce jointe.\n\n{sessies}\n\n{organisatie}\n{organisatie_email}",
    ),
    (Kind.CERTIFICATE, Language.EN): (
        "Your certificate of attendance: {vorming}",
        "Dear {voornaam},\n\n"
        'Thank you for taking part in "{vorming}". Your certificate of attendance is '
        "attached.\n\n{sessies}\n\n{organisatie}\n{organisatie_email}",
    ),
    # On the waiting list ------------------------------------------------------------------------
    (Kind.WAITING, Language.NL): (
        "Je staat op de wachtlijst: {vorming}",
        "Dag {voornaam},\n\n"
        '"{vorming}" is volzet. Je staat op de wachtlijst. Komt er een plaats vrij, dan krijg je '
        "een mail. Je hoeft nu niets te betalen.\n\n"
        "Je inschrijving: {inschrijving_link}\n\n{organisatie}",
    ),
    (Kind.WAITING, Language.FR): (
        "Vous êtes sur la liste d'attente : {vorming}",
        "Bonjour {voornaam},\n\n"
        "« {vorming} » est complet. Vous êtes sur la liste d'attente. Si une place se libère, "
        "vous recevrez un e-mail. Vous ne devez rien payer pour l'instant.\n\n"
        "Votre inscription : {inschrijving_link}\n\n{organisatie}",
    ),
    (Kind.WAITING, Language.EN): (
        "You are on the waiting list: {vorming}",
        "Dear {voornaam},\n\n"
        '"{vorming}" is full. You are on the waiting list. If a seat comes free, you will get '
        "an e-mail. You do not need to pay anything now.\n\n"
        "Your registration: {inschrijving_link}\n\n{organisatie}",
    ),
    # The offered seat lapsed --------------------------------------------------------------------
    (Kind.OFFER_LAPSED, Language.NL): (
        "De aangeboden plaats is vervallen: {vorming}",
        "Dag {voornaam},\n\n"
        'We boden je een plaats aan voor "{vorming}", maar kregen geen bevestiging op tijd. De '
        "plaats gaat nu naar de volgende op de wachtlijst.\n\n"
        "Wil je toch nog deelnemen? Mail ons, of schrijf je in voor een volgende vorming. "
        "{organisatie_email}\n\n{organisatie}",
    ),
    (Kind.OFFER_LAPSED, Language.FR): (
        "La place proposée a expiré : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Nous vous avions proposé une place pour « {vorming} », mais nous n'avons pas reçu de "
        "confirmation à temps. La place va maintenant à la personne suivante sur la liste "
        "d'attente.\n\n"
        "Vous souhaitez tout de même participer ? Écrivez-nous, ou inscrivez-vous à une "
        "prochaine formation. {organisatie_email}\n\n{organisatie}",
    ),
    (Kind.OFFER_LAPSED, Language.EN): (
        "The seat we offered has lapsed: {vorming}",
        "Dear {voornaam},\n\n"
        'We offered you a seat for "{vorming}", but did not get your confirmation in time. The '
        "seat now goes to the next person on the waiting list.\n\n"
        "Would you still like to take part? Mail us, or register for a later training. "
        "{organisatie_email}\n\n{organisatie}",
    ),
    # The link again ------------------------------------------------------------------------------
    (Kind.LINK, Language.NL): (
        "Je inschrijving voor {vorming}",
        "Dag,\n\n"
        'Iemand probeerde met dit e-mailadres opnieuw in te schrijven voor "{vorming}". Je bent '
        "al ingeschreven; je inschrijving vind je hier: {inschrijving_link}\n\n"
        "Was jij dit niet? Dan hoef je niets te doen.\n\n{organisatie}",
    ),
    (Kind.LINK, Language.FR): (
        "Votre inscription à {vorming}",
        "Bonjour,\n\n"
        "Quelqu'un a essayé de s'inscrire à nouveau à « {vorming} » avec cette adresse e-mail. "
        "Vous êtes déjà inscrit·e ; votre inscription se trouve ici : {inschrijving_link}\n\n"
        "Ce n'était pas vous ? Vous n'avez rien à faire.\n\n{organisatie}",
    ),
    (Kind.LINK, Language.EN): (
        "Your registration for {vorming}",
        "Hello,\n\n"
        'Someone tried to register again for "{vorming}" with this e-mail address. You are '
        "already registered; you will find your registration here: {inschrijving_link}\n\n"
        "Was this not you? Then you need not do anything.\n\n{organisatie}",
    ),
    # Cancelled by the registrant -----------------------------------------------------------------
    (Kind.CANCELLED, Language.NL): (
        "Je inschrijving is geannuleerd: {vorming}",
        "Dag {voornaam},\n\n"
        'Je annuleerde je inschrijving {code} voor "{vorming}". De plaatsen zijn vrijgegeven.'
        "\n\nAl betaald: {betaald}. Vragen over een terugbetaling? Mail ons: "
        "{organisatie_email}\n\n{organisatie}",
    ),
    (Kind.CANCELLED, Language.FR): (
        "Votre inscription est annulée : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Vous avez annulé votre inscription {code} à « {vorming} ». Les places ont été "
        "libérées.\n\nDéjà payé : {betaald}. Une question sur un remboursement ? Écrivez-nous : "
        "{organisatie_email}\n\n{organisatie}",
    ),
    (Kind.CANCELLED, Language.EN): (
        "Your registration is cancelled: {vorming}",
        "Dear {voornaam},\n\n"
        'You cancelled your registration {code} for "{vorming}". The seats are free again.'
        "\n\nAlready paid: {betaald}. Questions about a refund? Mail us: "
        "{organisatie_email}\n\n{organisatie}",
    ),
    # The training does not take place ------------------------------------------------------------
    (Kind.TRAINING_CANCELLED, Language.NL): (
        "Geannuleerd: {vorming}",
        "Dag {voornaam},\n\n"
        'Helaas gaat de vorming "{vorming}" niet door.\n\n{reden}\n\n'
        "Al betaald: {betaald}. Vragen over een terugbetaling? Mail ons: {organisatie_email}"
        "\n\nSorry voor het ongemak.\n\n{organisatie}",
    ),
    (Kind.TRAINING_CANCELLED, Language.FR): (
        "Annulé : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Malheureusement, la formation « {vorming} » n'aura pas lieu.\n\n{reden}\n\n"
        "Déjà payé : {betaald}. Une question sur un remboursement ? Écrivez-nous : "
        "{organisatie_email}\n\nToutes nos excuses pour ce désagrément.\n\n{organisatie}",
    ),
    (Kind.TRAINING_CANCELLED, Language.EN): (
        "Cancelled: {vorming}",
        "Dear {voornaam},\n\n"
        'Unfortunately, the training "{vorming}" will not take place.\n\n{reden}\n\n'
        "Already paid: {betaald}. Questions about a refund? Mail us: {organisatie_email}"
        "\n\nSorry for the inconvenience.\n\n{organisatie}",
    ),
    # Not registered: someone in the group already was ------------------------------------------
    (Kind.NOT_MADE, Language.NL): (
        "Je inschrijving is niet gemaakt: {vorming}",
        "Dag {voornaam},\n\n"
        'Je probeerde in te schrijven voor "{vorming}", maar minstens één van de deelnemers '
        "stond al ingeschreven voor deze vorming. Wie al ingeschreven was, kreeg daarover al een "
        "mail met de link naar die inschrijving, of krijgt er nu een. Je inschrijving is daarom "
        "niet gemaakt.\n\n"
        "Wil je de anderen inschrijven? Doe het opnieuw, zonder wie al ingeschreven was.\n\n"
        "{organisatie}\n{organisatie_email}",
    ),
    (Kind.NOT_MADE, Language.FR): (
        "Votre inscription n'a pas été enregistrée : {vorming}",
        "Bonjour {voornaam},\n\n"
        "Vous avez essayé de vous inscrire à « {vorming} », mais au moins un des participants "
        "était déjà inscrit à cette formation. Les personnes déjà inscrites ont reçu, ou "
        "reçoivent maintenant, un e-mail avec le lien vers leur inscription. Votre inscription "
        "n'a donc pas été enregistrée.\n\n"
        "Vous souhaitez inscrire les autres ? Recommencez, sans les personnes déjà "
        "inscrites.\n\n{organisatie}\n{organisatie_email}",
    ),
    (Kind.NOT_MADE, Language.EN): (
        "Your registration was not made: {vorming}",
        "Dear {voornaam},\n\n"
        'You tried to register for "{vorming}", but at least one of the participants was '
        "already registered for this training. Those already registered got, or are getting "
        "now, an e-mail with the link to their registration. Your registration was therefore "
        "not made.\n\n"
        "Would you like to register the others? Please do so again, without those already "
        "registered.\n\n{organisatie}\n{organisatie_email}",
    ),
}
