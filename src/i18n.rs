//! UI text in Danish (the default) and English, as one typed struct that templates read as
//! `t.<name>`: a missing translation is a compile error, not a blank on the page.

use crate::config::Language;
use crate::date::Date;
use crate::render::links::Labels;
use serde::Serialize;

macro_rules! strings {
    ($($field:ident: $da:literal, $en:literal;)*) => {
        #[derive(Debug, Serialize)]
        pub struct Strings {
            /// The language these strings are in, for what is more than a string (dates).
            #[serde(skip)]
            pub language: Language,
            $(pub $field: &'static str,)*
        }
        pub const DA: Strings = Strings { language: Language::Da, $($field: $da,)* };
        pub const EN: Strings = Strings { language: Language::En, $($field: $en,)* };
    };
}

strings! {
    lang: "da", "en";
    skip: "Gå til indhold", "Skip to content";
    home: "Forside", "Home";
    main_nav: "Hovedmenu", "Main menu";
    breadcrumb: "Brødkrumme", "Breadcrumb";
    aftaler: "Aftaler", "Agreements";
    principper: "Principper", "Principles";
    handleplaner: "Handleplaner", "Action plans";
    frister: "Frister", "Deadlines";
    parter: "Parter", "Parties";
    dokumenter: "Dokumenter", "Documents";
    emner: "Emner", "Topics";
    kind_aftale: "Aftale", "Agreement";
    kind_handleplan: "Handleplan", "Action plan";
    kind_princip: "Princip", "Principle";
    kind_dokument: "Dokument", "Document";
    kind_part: "Part", "Party";
    kind_item: "Handleplanpunkt", "Action plan item";
    kind_section: "Afsnit", "Section";
    kind_term: "Begreb", "Defined term";
    search: "Søg", "Search";
    search_label: "Søg i aftalebogen", "Search the agreements";
    search_hint: "Skriv mindst to bogstaver", "Type at least two letters";
    search_none: "Ingen resultater", "No results";
    search_results: "resultater", "results";
    search_one: "1 resultat", "1 result";
    search_count: "{n} resultater", "{n} results";
    search_more: "{n} resultater – de {shown} bedste vises", "{n} results – the best {shown} are shown";
    search_loading: "Henter søgeindekset …", "Loading the search index …";
    search_failed: "Søgeindekset kunne ikke hentes.", "The search index could not be loaded.";
    search_keys: "Brug pil ned for at gå til resultaterne og Escape for at lukke dem.", "Use the down arrow to move to the results and Escape to close them.";
    search_results_label: "Søgeresultater", "Search results";
    search_button: "Søg", "Search";
    search_did_you_mean: "Mente du", "Did you mean";
    search_results_for: "Resultater for »{q}«", "Results for “{q}”";
    search_empty: "Skriv et eller flere ord i søgefeltet for at søge i alle aftaler, principper, handleplaner og parter.", "Type one or more words in the search box to search every agreement, principle, action plan and party.";
    banner_in_force_text: "Aftalen gælder fra", "The agreement is in force from";
    banner_in_force_until: "til", "until";
    signature_for: "For", "For";
    page_toc: "På denne side", "On this page";
    facts: "Nøgleoplysninger", "Key facts";
    item: "Punkt", "Item";
    search_needs_js: "Søgningen kræver JavaScript. Brug menuen eller listerne i stedet.", "Search needs JavaScript. Use the menu or the lists instead.";
    toc: "Indhold", "Contents";
    status: "Status", "Status";
    status_udkast: "Udkast", "Draft";
    status_skabelon: "Skabelon", "Template";
    status_gaeldende: "Gældende", "In force";
    status_udloebet: "Udløbet", "Expired";
    status_arkiveret: "Arkiveret", "Archived";
    status_erstattet: "Erstattet", "Superseded";
    status_kommende: "Kommende", "Upcoming";
    comes_into_force: "Træder i kraft", "Comes into force";
    item_aaben: "Åben", "Open";
    item_i_gang: "I gang", "In progress";
    item_faerdig: "Færdig", "Done";
    banner_upcoming_text: "Aftalen træder i kraft", "The agreement comes into force on";
    banner_expired_text: "Aftalen udløb", "The agreement expired on";
    banner_review: "Skal genbesøges", "Due for review";
    banner_review_text: "Fristen for at genbesøge aftalen var", "The review date was";
    banner_superseded: "Erstattet af", "Superseded by";
    clause: "pkt.", "section";
    begreber: "Begreber", "Defined terms";
    begreber_intro: "Ord med en fast betydning i aftalerne. Et begreb defineret i et dokument gælder i hele aftalebogen; et begreb defineret i en aftale eller handleplan gælder kun dér.", "Words with a fixed meaning in the agreements. A term defined in a document holds across the site; a term defined in an agreement or plan holds only there.";
    term_defined_in: "Defineret i", "Defined in";
    term_only_in: "gælder kun i dette dokument", "holds only in this document";
    term_used_in: "Bruges i", "Used in";
    term_unused: "Ikke brugt i teksterne endnu", "Not used in the texts yet";
    terms_in_doc: "Begreber brugt i teksten", "Terms used in the text";
    no_terms: "Ingen begreber er defineret endnu.", "No terms are defined yet.";
    changes: "Ændringer", "Changes";
    changes_in: "Ændringer i", "Changes in";
    changes_against: "sammenlignet med", "compared with";
    change_one: "ændring", "change";
    change_many: "ændringer", "changes";
    count_one: "ændring i", "change in";
    count_many: "ændringer i", "changes in";
    section_one: "afsnit", "section";
    section_many: "afsnit", "sections";
    deleted: "slettet:", "deleted:";
    inserted: "tilføjet:", "added:";
    unchanged: "uændret", "unchanged";
    moved: "flyttet", "moved";
    section_added: "nyt afsnit", "new section";
    section_removed: "afsnit fjernet", "section removed";
    section_start: "Indledning", "Introduction";
    redline_text: "Teksten", "The text";
    front_changes: "Ændrede oplysninger", "Changed details";
    field: "Felt", "Field";
    before: "Før", "Before";
    after: "Efter", "After";
    see_changes: "Se hvad der er ændret", "See what changed";
    changes_from_previous: "Ændringer fra den version, den erstatter", "Changes from the version it replaces";
    recently_changed: "Senest ændret", "Recently changed";
    signed_all: "Underskrevet af alle parter", "Signed by all parties";
    signed_missing: "Mangler underskrift fra", "Not yet signed by";
    signed_on: "Underskrevet", "Signed";
    unsigned_title: "Gældende aftaler, der mangler underskrifter", "Agreements in force that lack signatures";
    banner_template: "Felterne udfyldes, når aftalen indgås.", "The fields are filled in when the agreement is made.";
    banner_draft: "Teksten er ikke endeligt vedtaget.", "The text has not been finally agreed.";
    banner_in_force: "Gældende", "In force";
    party_kind_kommune: "Kommune", "Municipality";
    party_kind_region: "Region", "Region";
    party_kind_psykiatri: "Psykiatri", "Psychiatric services";
    party_kind_forskning: "Forskning", "Research";
    party_kind_stat: "Stat", "Central government";
    party_kind_virksomhed: "Virksomhed", "Company";
    party_kind_andet: "Andet", "Other";
    address: "Adresse", "Address";
    cvr: "CVR", "CVR";
    phone: "Telefon", "Phone";
    email: "E-mail", "Email";
    web: "Web", "Website";
    short_name: "Forkortelse", "Short name";
    malgruppe: "Målgruppe", "Target group";
    criteria: "Målgruppekriterier", "Criteria for the target group";
    responsibilities: "Ansvarsfordeling", "Responsibilities";
    duties: "Opgaver", "Duties";
    faelles: "Fælles", "Joint";
    principles_stated: "Principper i dokumentet", "Principles in this document";
    principles_in_agreement: "Principper i aftalen", "Principles in this agreement";
    number: "Nr.", "No.";
    wording: "Formulering", "Wording";
    effective: "Ikrafttræden", "In force from";
    expires: "Udløber", "Expires";
    review: "Genbesøges", "Review date";
    version: "Version", "Version";
    owner_doc: "Ansvarlig for dokumentet", "Document owner";
    date: "Dato", "Date";
    updated: "Opdateret", "Updated";
    related: "Relaterede dokumenter", "Related documents";
    plans_for: "Handleplaner til aftalen", "Action plans for this agreement";
    carries_out: "Udmønter aftalen", "Implements";
    backlinks: "Henvisninger hertil", "Referred to by";
    history: "Historik", "History";
    note: "Note", "Note";
    signatures: "Underskrifter", "Signatures";
    sign_name: "Navn", "Name";
    sign_title: "Titel", "Title";
    sign_date: "Dato", "Date";
    sign_signature: "Underskrift", "Signature";
    blanks: "tomme felter", "blanks";
    blank: "udfyldes", "to be filled in";
    guidance_notes: "vejledninger", "guidance notes";
    guidance: "Vejledning", "Guidance";
    to_fill: "Udfyldes", "To be filled in";
    blanks_column: "Tomme felter", "Blanks";
    name: "Navn", "Name";
    plan_items: "Handleplanpunkter", "Action plan items";
    table: "Tabel", "Table";
    question: "Spørgsmål", "Question";
    recommendation: "Anbefaling", "Recommendation";
    responsible: "Ansvarlig", "Responsible";
    owner: "Tovholder", "Owner";
    deadline: "Frist", "Deadline";
    answer: "Svar", "Answer";
    no_answer: "Ikke besvaret endnu", "Not answered yet";
    overdue: "Overskredet", "Overdue";
    progress: "færdige", "done";
    of: "af", "of";
    items: "punkter", "items";
    section: "Afsnit", "Section";
    plan: "Handleplan", "Action plan";
    agreement: "Aftale", "Agreement";
    csv: "Hent som regneark (CSV)", "Download as spreadsheet (CSV)";
    ics: "Abonnér på fristerne i din kalender", "Subscribe to the deadlines in your calendar";
    deadline_expires: "Aftalen udløber", "The agreement expires";
    deadline_review: "Aftalen skal genbesøges", "The agreement is due for review";
    source: "Kilde", "Source";
    no_upcoming: "Ingen kommende frister.", "No upcoming deadlines.";
    no_deadlines: "Der er ingen frister endnu.", "There are no deadlines yet.";
    upcoming: "Næste frister", "Next deadlines";
    all_deadlines: "Se alle frister", "See all deadlines";
    overdue_items: "Overskredne frister", "Overdue deadlines";
    by_status: "Aftaler efter status", "Agreements by status";
    documents_count: "dokumenter", "documents";
    crosswalk: "Principperne i dokumenterne", "The principles across documents";
    crosswalk_intro: "Hver kolonne er ét dokument; hver celle viser dokumentets eget nummer og ordlyd for princippet.", "Each column is one document; each cell shows that document's own number and wording for the principle.";
    principle: "Princip", "Principle";
    not_stated: "Ikke nævnt", "Not stated";
    stated_in: "Dokumenter der nævner princippet", "Documents stating this principle";
    served_by: "Handleplanpunkter der understøtter princippet", "Action plan items serving this principle";
    party_agreements: "Dokumenter med parten", "Documents with this party";
    party_duties: "Partens opgaver", "The party's duties";
    party_items: "Handleplanpunkter, som parten har ansvar for", "Action plan items the party is responsible for";
    none: "Ingen", "None";
    all: "Alle", "All";
    filter: "Filtrér", "Filter";
    filter_party: "Part", "Party";
    filter_only_overdue: "Kun overskredne", "Only overdue";
    shown: "vist", "shown";
    pages_nav: "Sider", "Pages";
    page_of: "Side", "Page";
    previous_page: "Forrige side", "Previous page";
    next_page: "Næste side", "Next page";
    title: "Titel", "Title";
    kind: "Type", "Type";
    parties_count: "Parter", "Parties";
    tagged: "Dokumenter med emnet", "Documents tagged";
    not_found: "Siden findes ikke", "Page not found";
    not_found_text: "Siden kan være flyttet eller slettet. Prøv søgningen eller forsiden.", "The page may have moved or been deleted. Try the search or the home page.";
    built: "Senest opdateret", "Last updated";
    accessibility_statement: "Tilgængelighedserklæring", "Accessibility statement";
    generator: "Lavet med aftalebog", "Made with aftalebog";
    print: "Udskriv", "Print";
    print_page: "side", "page";
    reload_errors: "Fejl i indholdet", "Errors in the content";
    close: "Luk", "Close";
    build_failed: "Siden kunne ikke bygges", "The site could not be built";
    links: "Link", "Link";
}

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A reader's date: `5. oktober 2020` in Danish, `5 October 2020` in English.
pub fn long_date(lang: Language, d: Date) -> String {
    let (year, month, day) = d.parts();
    match lang {
        Language::Da => format!("{day}. {} {year}", MONTHS_DA[month - 1]),
        Language::En => format!("{day} {} {year}", MONTHS_EN[month - 1]),
    }
}

pub fn strings(lang: Language) -> &'static Strings {
    match lang {
        Language::Da => &DA,
        Language::En => &EN,
    }
}

impl Strings {
    pub fn labels(&self) -> Labels {
        Labels { blank: self.blank, guidance: self.guidance, table: self.table, clause: self.clause }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_in_both_languages() {
        let d = Date::parse("2020-10-05").unwrap();
        assert_eq!(long_date(Language::Da, d), "5. oktober 2020");
        assert_eq!(long_date(Language::En, d), "5 October 2020");
    }
}
