//! Deterministic corpus generator: writes a complete passerelle site with
//! N partnerships, for load tests and benchmarks.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --partnerships N --out DIR [--seed S] [--covers]
//! ```
//!
//! With `--covers`, one partnership in ten has a cover image, a generated
//! landscape of its own (`content/media/covers/<key>.jpg`, 1000 × 667),
//! to measure what pictures cost a build; the pictures are drawn by
//! `examples/common/artwork.rs` and written with the `image` crate.
//!
//! The same N and seed always give byte-identical files. The site has 20
//! themes, 12 programmes, 40 countries (20 with an intro file), 220
//! institutions, an about page and N partnerships in French and English;
//! one partnership in 50 has no English file, to exercise the untranslated
//! pages. `passerelle check --root DIR` reports no error on it.
//!
//! DIR must be missing, empty, or hold a previous corpus (a `.gen-corpus`
//! marker file); in that case only what the generator writes (`site.yaml`,
//! `content/` and the marker) is replaced, and nothing outside DIR is
//! touched. Besides the pictures, only std is used: the generator has its
//! own PRNG (splitmix64).

// The emblems and the icon are for the example site only.
#[allow(dead_code)]
#[path = "common/artwork.rs"]
mod artwork;

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const MARKER: &str = ".gen-corpus";
const INSTITUTIONS: usize = 220;

// ---------------------------------------------------------------- PRNG

/// splitmix64: small, fast, and good enough for a corpus.
struct Rng(u64);

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// An independent stream for (seed, stream, index), so that one item's
    /// draws never depend on how many draws another item made.
    fn new(seed: u64, stream: u64, index: u64) -> Rng {
        let a = splitmix(seed ^ 0x5EED_0000_0000_0000);
        let b = splitmix(a ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng(splitmix(b ^ index.wrapping_mul(0x8CB9_2BA7_2F3D_8DD7)))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[usize]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }

    /// `k` distinct indices in `0..n`, in drawing order.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

// ---------------------------------------------------------------- data

struct CountryData {
    code: &'static str,
    /// French name with its article, as after "avec": "la Belgique".
    fr_art: &'static str,
    /// French "in": "en Belgique", "au Portugal".
    fr_in: &'static str,
    /// English name, with "the" where English needs it.
    en: &'static str,
    /// Language of the institution names generated for the country.
    lang: &'static str,
    cities: &'static [&'static str],
    /// Weight when drawing the country of an institution.
    weight: usize,
}

macro_rules! country {
    ($code:expr, $art:expr, $in:expr, $en:expr, $lang:expr, $w:expr, [$($c:expr),*]) => {
        CountryData { code: $code, fr_art: $art, fr_in: $in, en: $en, lang: $lang, weight: $w, cities: &[$($c),*] }
    };
}

#[rustfmt::skip]
const COUNTRIES: [CountryData; 40] = [
    country!("be", "la Belgique", "en Belgique", "Belgium", "fr", 6, ["Liège", "Bruxelles", "Namur", "Mons", "Charleroi", "Louvain-la-Neuve"]),
    country!("de", "l'Allemagne", "en Allemagne", "Germany", "de", 5, ["Würzburg", "München", "Köln", "Dresden", "Freiburg", "Münster"]),
    country!("it", "l'Italie", "en Italie", "Italy", "it", 5, ["Parma", "Bologna", "Torino", "Napoli", "Padova", "Firenze"]),
    country!("pt", "le Portugal", "au Portugal", "Portugal", "pt", 4, ["Lisboa", "Porto", "Coimbra", "Braga", "Évora"]),
    country!("es", "l'Espagne", "en Espagne", "Spain", "es", 5, ["Barcelona", "Girona", "Sevilla", "Valencia", "Zaragoza", "Bilbao"]),
    country!("ch", "la Suisse", "en Suisse", "Switzerland", "fr", 3, ["Genève", "Lausanne", "Fribourg", "Neuchâtel", "Sion"]),
    country!("ca-qc", "le Québec", "au Québec", "Quebec", "fr", 5, ["Montréal", "Québec", "Sherbrooke", "Gatineau", "Rimouski", "Trois-Rivières"]),
    country!("ma", "le Maroc", "au Maroc", "Morocco", "fr", 3, ["Agadir", "Rabat", "Casablanca", "Marrakech", "Fès"]),
    country!("sn", "le Sénégal", "au Sénégal", "Senegal", "fr", 2, ["Dakar", "Saint-Louis", "Thiès", "Ziguinchor"]),
    country!("tn", "la Tunisie", "en Tunisie", "Tunisia", "fr", 2, ["Tunis", "Sfax", "Sousse", "Bizerte"]),
    country!("ro", "la Roumanie", "en Roumanie", "Romania", "ro", 2, ["Arad", "Cluj-Napoca", "Iași", "Timișoara", "București"]),
    country!("pl", "la Pologne", "en Pologne", "Poland", "pl", 2, ["Kraków", "Warszawa", "Wrocław", "Gdańsk", "Poznań", "Łódź"]),
    country!("se", "la Suède", "en Suède", "Sweden", "sv", 1, ["Göteborg", "Malmö", "Uppsala", "Umeå", "Stockholm"]),
    country!("fi", "la Finlande", "en Finlande", "Finland", "en", 1, ["Helsinki", "Tampere", "Turku", "Jyväskylä"]),
    country!("nl", "les Pays-Bas", "aux Pays-Bas", "the Netherlands", "nl", 2, ["Utrecht", "Rotterdam", "Amsterdam", "Groningen", "Nijmegen"]),
    country!("lu", "le Luxembourg", "au Luxembourg", "Luxembourg", "fr", 2, ["Luxembourg", "Esch-sur-Alzette", "Differdange"]),
    country!("at", "l'Autriche", "en Autriche", "Austria", "de", 1, ["Wien", "Graz", "Linz", "Salzburg", "Innsbruck"]),
    country!("cz", "la Tchéquie", "en Tchéquie", "Czechia", "en", 1, ["Praha", "Brno", "Ostrava", "Olomouc"]),
    country!("gr", "la Grèce", "en Grèce", "Greece", "en", 1, ["Athína", "Thessaloníki", "Pátra", "Irákleio"]),
    country!("ie", "l'Irlande", "en Irlande", "Ireland", "en", 1, ["Dublin", "Cork", "Galway", "Limerick"]),
    country!("dk", "le Danemark", "au Danemark", "Denmark", "en", 1, ["København", "Aarhus", "Odense", "Aalborg"]),
    country!("no", "la Norvège", "en Norvège", "Norway", "en", 1, ["Oslo", "Bergen", "Trondheim", "Tromsø"]),
    country!("hu", "la Hongrie", "en Hongrie", "Hungary", "en", 1, ["Budapest", "Debrecen", "Szeged", "Pécs"]),
    country!("sk", "la Slovaquie", "en Slovaquie", "Slovakia", "en", 1, ["Bratislava", "Košice", "Nitra", "Banská Bystrica"]),
    country!("si", "la Slovénie", "en Slovénie", "Slovenia", "en", 1, ["Ljubljana", "Maribor", "Koper"]),
    country!("hr", "la Croatie", "en Croatie", "Croatia", "en", 1, ["Zagreb", "Split", "Rijeka", "Osijek"]),
    country!("bg", "la Bulgarie", "en Bulgarie", "Bulgaria", "en", 1, ["Sofia", "Plovdiv", "Varna"]),
    country!("lt", "la Lituanie", "en Lituanie", "Lithuania", "en", 1, ["Vilnius", "Kaunas", "Klaipėda"]),
    country!("lv", "la Lettonie", "en Lettonie", "Latvia", "en", 1, ["Rīga", "Daugavpils", "Liepāja"]),
    country!("ee", "l'Estonie", "en Estonie", "Estonia", "en", 1, ["Tallinn", "Tartu", "Pärnu"]),
    country!("mt", "Malte", "à Malte", "Malta", "en", 1, ["Valletta", "Msida", "Birkirkara"]),
    country!("cy", "Chypre", "à Chypre", "Cyprus", "en", 1, ["Nicosia", "Limassol", "Larnaca"]),
    country!("gb", "le Royaume-Uni", "au Royaume-Uni", "the United Kingdom", "en", 2, ["London", "Manchester", "Edinburgh", "Cardiff", "Bristol", "Leeds"]),
    country!("us", "les États-Unis", "aux États-Unis", "the United States", "en", 1, ["Boston", "Chicago", "New Orleans", "Minneapolis", "Seattle"]),
    country!("br", "le Brésil", "au Brésil", "Brazil", "pt", 1, ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Porto Alegre", "Recife"]),
    country!("ar", "l'Argentine", "en Argentine", "Argentina", "es", 1, ["Buenos Aires", "Córdoba", "Rosario", "Mendoza"]),
    country!("cl", "le Chili", "au Chili", "Chile", "es", 1, ["Santiago", "Valparaíso", "Concepción", "Temuco"]),
    country!("mx", "le Mexique", "au Mexique", "Mexico", "es", 1, ["Ciudad de México", "Guadalajara", "Monterrey", "Puebla", "Oaxaca"]),
    country!("jp", "le Japon", "au Japon", "Japan", "en", 1, ["Tokyo", "Osaka", "Kyoto", "Sapporo"]),
    country!("vn", "le Viêt Nam", "au Viêt Nam", "Vietnam", "en", 1, ["Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Huế"]),
];

/// Institution types, as content writes them.
const TYPES: [&str; 7] = [
    "training_institute",
    "university",
    "public_authority",
    "association",
    "child_protection",
    "network",
    "other",
];
const TYPE_WEIGHTS: [usize; 7] = [20, 25, 15, 15, 10, 7, 8];
/// (French, English) description of each type; the French one agrees with
/// "située"/"situé".
const TYPE_DESC: [(&str, &str); 7] = [
    (
        "Établissement de formation en travail social situé",
        "A social-work training institute",
    ),
    ("Université située", "A university"),
    ("Collectivité publique située", "A public authority"),
    ("Association située", "An association"),
    (
        "Service de protection de l'enfance situé",
        "A child-protection service",
    ),
    (
        "Réseau d'acteurs sociaux situé",
        "A network of social-care organisations",
    ),
    ("Fondation située", "A foundation"),
];

/// Name templates per language and type; `{c}` is the city, `{de}` the
/// French "de <city>" with elision.
fn name_templates(lang: &str) -> [&'static [&'static str]; 7] {
    match lang {
        "fr" => [
            &[
                "Institut régional du travail social {de}",
                "École supérieure de travail social {de}",
            ],
            &["Université {de}", "Haute école sociale {de}"],
            &["Ville {de}", "Centre public d'action sociale {de}"],
            &[
                "Association pour l'insertion des jeunes {de}",
                "Maison des solidarités {de}",
            ],
            &[
                "Centre de protection de l'enfance {de}",
                "Service d'aide à la jeunesse {de}",
            ],
            &["Réseau des acteurs sociaux {de}"],
            &["Fondation pour l'action sociale {de}"],
        ],
        "de" => [
            &[
                "Fachschule für Sozialpädagogik {c}",
                "Akademie für Soziale Arbeit {c}",
            ],
            &[
                "Universität {c}",
                "Hochschule für Soziale Arbeit {c}",
                "Evangelische Hochschule {c}",
            ],
            &["Stadt {c}", "Jugendamt der Stadt {c}"],
            &["Caritasverband {c} e. V.", "Diakonisches Werk {c}"],
            &["Kinderschutzzentrum {c}"],
            &["Netzwerk Soziale Arbeit {c}"],
            &["Stiftung Sozialwerk {c}"],
        ],
        "it" => [
            &["Scuola di servizio sociale di {c}"],
            &[
                "Università degli Studi di {c}",
                "Università Cattolica di {c}",
            ],
            &["Comune di {c}"],
            &[
                "Cooperativa sociale Il Ponte di {c}",
                "Associazione Famiglie Insieme di {c}",
            ],
            &["Centro per la tutela dei minori di {c}"],
            &["Rete del welfare di {c}"],
            &["Fondazione Solidarietà di {c}"],
        ],
        "es" => [
            &["Escuela de Trabajo Social de {c}"],
            &["Universidad de {c}", "Universidad Pública de {c}"],
            &["Ayuntamiento de {c}"],
            &[
                "Asociación Puentes de {c}",
                "Asociación Jóvenes y Futuro de {c}",
            ],
            &["Centro de Protección de Menores de {c}"],
            &["Red de Servicios Sociales de {c}"],
            &["Fundación Acción Social de {c}"],
        ],
        "pt" => [
            &["Instituto Superior de Serviço Social de {c}"],
            &["Universidade de {c}", "Universidade Católica de {c}"],
            &["Câmara Municipal de {c}", "Prefeitura de {c}"],
            &["Associação Pontes de {c}"],
            &["Centro de Acolhimento de Crianças de {c}"],
            &["Rede Social de {c}"],
            &["Fundação Solidária de {c}"],
        ],
        "nl" => [
            &["Opleidingscentrum Sociaal Werk {c}"],
            &["Hogeschool {c}", "Universiteit {c}"],
            &["Gemeente {c}"],
            &["Vereniging Sociaal Werk {c}"],
            &["Stichting Jeugdzorg {c}"],
            &["Netwerk Welzijn {c}"],
            &["Stichting Samen {c}"],
        ],
        "ro" => [
            &["Școala de Asistență Socială {c}"],
            &["Universitatea din {c}"],
            &["Primăria {c}"],
            &["Asociația Punți {c}"],
            &["Direcția Generală de Asistență Socială și Protecția Copilului {c}"],
            &["Rețeaua Socială {c}"],
            &["Fundația Speranța {c}"],
        ],
        "pl" => [
            &["Akademia Pracy Socjalnej – {c}"],
            &["Uniwersytet Społeczny – {c}"],
            &["Miejski Ośrodek Pomocy Społecznej – {c}"],
            &["Stowarzyszenie Pomocy Rodzinie – {c}"],
            &["Centrum Ochrony Dziecka – {c}"],
            &["Sieć Pracy Socjalnej – {c}"],
            &["Fundacja Wspólna Droga – {c}"],
        ],
        "sv" => [
            &["Högskolan för socialt arbete {c}"],
            &["{c} universitet"],
            &["{c} kommun"],
            &["Föreningen Bron {c}"],
            &["Barnskyddscentrum {c}"],
            &["Nätverket Socialt arbete {c}"],
            &["Stiftelsen Omsorg {c}"],
        ],
        _ => [
            &["{c} School of Social Work", "{c} College of Social Care"],
            &["University of {c}", "{c} Metropolitan University"],
            &["{c} City Council", "{c} Social Welfare Department"],
            &["{c} Community Action", "Friends of {c} Families"],
            &["{c} Children's Services"],
            &["{c} Social Care Network"],
            &["{c} Social Welfare Foundation"],
        ],
    }
}

/// Institutions with a name in their own script or language, used as the
/// first institution of their country: (country, name, type, city, lang).
#[rustfmt::skip]
const NATIVE: [(&str, &str, usize, &str, &str); 14] = [
    ("gr", "Πανεπιστήμιο Δυτικής Αττικής", 1, "Athína", "el"),
    ("cy", "Πανεπιστήμιο Λευκωσίας", 1, "Nicosia", "el"),
    ("bg", "Софийски университет „Св. Климент Охридски“", 1, "Sofia", "bg"),
    ("jp", "日本社会事業大学", 1, "Tokyo", "ja"),
    ("vn", "Trường Đại học Lao động – Xã hội", 1, "Hà Nội", "vi"),
    ("cz", "Univerzita Karlova", 1, "Praha", "cs"),
    ("hu", "Eötvös Loránd Tudományegyetem", 1, "Budapest", "hu"),
    ("dk", "Københavns Professionshøjskole", 0, "København", "da"),
    ("no", "Universitetet i Oslo", 1, "Oslo", "nb"),
    ("fi", "Tampereen yliopisto", 1, "Tampere", "fi"),
    ("lt", "Vilniaus universitetas", 1, "Vilnius", "lt"),
    ("si", "Univerza v Ljubljani", 1, "Ljubljana", "sl"),
    ("hr", "Sveučilište u Zagrebu", 1, "Zagreb", "hr"),
    ("ee", "Tartu Ülikool", 1, "Tartu", "et"),
];

/// (id, French label, English label, French topic, English topic).
#[rustfmt::skip]
const THEMES: [(&str, &str, &str, &str, &str); 20] = [
    ("social-work-training", "Formation en travail social", "Social-work training", "la formation en travail social", "social-work training"),
    ("student-mobility", "Mobilité étudiante", "Student mobility", "la mobilité étudiante", "student mobility"),
    ("staff-mobility", "Mobilité des formateurs et des professionnels", "Staff and practitioner mobility", "la mobilité des formateurs", "staff mobility"),
    ("child-protection", "Protection de l'enfance", "Child protection", "la protection de l'enfance", "child protection"),
    ("youth", "Jeunesse et accès à l'autonomie", "Youth and transition to adulthood", "l'accès des jeunes à l'autonomie", "young people's transition to adulthood"),
    ("disability", "Handicap et inclusion", "Disability and inclusion", "l'inclusion des personnes handicapées", "the inclusion of disabled people"),
    ("migration", "Migrations", "Migration", "l'accueil des personnes migrantes", "the reception of migrants"),
    ("digital-inclusion", "Numérique et inclusion", "Digital inclusion", "l'inclusion numérique", "digital inclusion"),
    ("research", "Recherche en travail social", "Social-work research", "la recherche en travail social", "social-work research"),
    ("practice-exchange", "Échanges de pratiques professionnelles", "Exchange of professional practice", "les échanges de pratiques", "the exchange of professional practice"),
    ("recognition-of-qualifications", "Reconnaissance des qualifications", "Recognition of qualifications", "la reconnaissance des qualifications", "the recognition of qualifications"),
    ("intercultural-approach", "Approche interculturelle", "Intercultural approach", "l'approche interculturelle", "intercultural practice"),
    ("ageing", "Vieillissement et autonomie", "Ageing and independent living", "l'accompagnement des personnes âgées", "support for older people"),
    ("mental-health", "Santé mentale", "Mental health", "la santé mentale", "mental health"),
    ("housing", "Logement et sans-abrisme", "Housing and homelessness", "l'accès au logement", "access to housing"),
    ("gender-equality", "Égalité entre les femmes et les hommes", "Gender equality", "l'égalité entre les femmes et les hommes", "gender equality"),
    ("addiction", "Addictions", "Addiction", "la prévention des addictions", "addiction prevention"),
    ("family-support", "Soutien à la parentalité", "Family support", "le soutien à la parentalité", "family support"),
    ("community-development", "Développement social local", "Community development", "le développement social local", "community development"),
    ("poverty", "Lutte contre la pauvreté", "Fighting poverty", "la lutte contre la pauvreté", "the fight against poverty"),
];

/// (id, French label, English label).
#[rustfmt::skip]
const PROGRAMMES: [(&str, &str, &str); 12] = [
    ("erasmus-plus", "Erasmus+", "Erasmus+"),
    ("erasmus-plus-youth", "Erasmus+ Jeunesse", "Erasmus+ Youth"),
    ("european-solidarity-corps", "Corps européen de solidarité", "European Solidarity Corps"),
    ("horizon-europe", "Horizon Europe", "Horizon Europe"),
    ("cerv", "Citoyens, égalité, droits et valeurs (CERV)", "Citizens, Equality, Rights and Values (CERV)"),
    ("interreg-poctefa", "Interreg POCTEFA (Espagne-France-Andorre)", "Interreg POCTEFA (Spain-France-Andorra)"),
    ("interreg-fwvl", "Interreg France-Wallonie-Vlaanderen", "Interreg France-Wallonia-Flanders"),
    ("interreg-grande-region", "Interreg Grande Région", "Interreg Greater Region"),
    ("ffqcd", "Fonds franco-québécois pour la coopération décentralisée", "Franco-Québec Fund for Decentralised Cooperation"),
    ("ofqj", "Office franco-québécois pour la jeunesse", "Franco-Québec Youth Office"),
    ("decentralised-cooperation", "Coopération décentralisée (ministère de l'Europe et des Affaires étrangères)", "Decentralised cooperation (Ministry for Europe and Foreign Affairs)"),
    ("international-cooperation", "Coopération internationale des établissements", "International cooperation of institutes"),
];

const KINDS: [&str; 6] = [
    "erasmus_mobility",
    "eu_project",
    "cross_border",
    "bilateral",
    "network",
    "decentralised_cooperation",
];
const KIND_WEIGHTS: [usize; 6] = [30, 25, 10, 15, 10, 10];
/// The programmes (indices in PROGRAMMES) each kind draws from.
const KIND_PROGRAMMES: [&[usize]; 6] = [
    &[0, 0, 0, 1],
    &[0, 0, 3, 4, 2],
    &[5, 6, 7],
    &[11, 9],
    &[11, 0, 3],
    &[8, 10],
];
/// Partner countries preferred by cross-border and decentralised kinds.
const NEIGHBOURS: [&str; 6] = ["be", "de", "ch", "lu", "es", "it"];
const SOUTH: [&str; 9] = ["ma", "sn", "tn", "ca-qc", "vn", "br", "ar", "cl", "mx"];
const KIND_PHRASE: [(&str, &str); 6] = [
    ("Accord de mobilité Erasmus+", "Erasmus+ mobility agreement"),
    ("Projet européen", "European project"),
    ("Projet transfrontalier", "Cross-border project"),
    ("Partenariat bilatéral", "Bilateral partnership"),
    ("Réseau", "Network"),
    ("Coopération décentralisée", "Decentralised cooperation"),
];

const MAIN_FUNDER: [&str; 12] = [
    "Agence Erasmus+ France Éducation Formation",
    "Agence Erasmus+ France Jeunesse & Sport",
    "Agence Erasmus+ France Jeunesse & Sport",
    "Commission européenne",
    "Agence exécutive européenne pour l'éducation et la culture",
    "Fonds européen de développement régional (FEDER)",
    "Fonds européen de développement régional (FEDER)",
    "Fonds européen de développement régional (FEDER)",
    "Ministère de l'Europe et des Affaires étrangères",
    "Office franco-québécois pour la jeunesse",
    "Ministère de l'Europe et des Affaires étrangères",
    "Fonds propres des établissements",
];
const CO_FUNDERS: [&str; 8] = [
    "Région Hauts-de-France",
    "Région Occitanie",
    "Région Normandie",
    "Conseil départemental du Nord",
    "Fondation de France",
    "Caisse nationale des allocations familiales",
    "Ville de Lille",
    "Gouvernement du Québec",
];

const SYLLABLES: [&str; 20] = [
    "SO", "LI", "DA", "MO", "RE", "TRA", "VI", "NE", "CA", "PRO", "AL", "ME", "TI", "SA", "DE",
    "LU", "FO", "RA", "BE", "NO",
];
const ADJ_NETWORK: [(&str, &str); 5] = [
    ("européen", "European"),
    ("international", "International"),
    ("francophone", "French-speaking"),
    ("euro-méditerranéen", "Euro-Mediterranean"),
    ("transatlantique", "Transatlantic"),
];
const PROJECT_NOUN: [(&str, &str); 6] = [
    ("des outils partagés pour", "shared tools for"),
    ("une formation européenne sur", "European training on"),
    ("des pratiques innovantes dans", "innovative practice in"),
    ("un référentiel commun pour", "a common framework for"),
    ("la recherche au service de", "research serving"),
    (
        "des communautés apprenantes pour",
        "learning communities for",
    ),
];

// Sentence parts, (French, English).
#[rustfmt::skip]
const SUBJ: [(&str, &str, bool); 13] = [
    ("Le comité de pilotage", "The steering committee", false),
    ("L'équipe pédagogique", "The teaching team", false),
    ("Chaque établissement partenaire", "Each partner institution", false),
    ("La coordination du projet", "The project coordination team", false),
    ("Le groupe de travail international", "The international working group", false),
    ("L'institut coordinateur", "The coordinating institute", false),
    ("Les partenaires", "The partners", true),
    ("Les étudiants en travail social", "Social-work students", true),
    ("Les formateurs", "The trainers", true),
    ("Les professionnels de terrain", "Practitioners", true),
    ("Les équipes éducatives", "The care teams", true),
    ("Les chercheurs associés", "The associated researchers", true),
    ("Les représentants des usagers", "Service-user representatives", true),
];
#[rustfmt::skip]
const VERBS: [(&str, &str, &str, &str); 14] = [
    ("organise", "organisent", "organises", "organise"),
    ("prépare", "préparent", "prepares", "prepare"),
    ("a conçu", "ont conçu", "has designed", "have designed"),
    ("évalue", "évaluent", "evaluates", "evaluate"),
    ("partage", "partagent", "shares", "share"),
    ("développe", "développent", "develops", "develop"),
    ("a élaboré", "ont élaboré", "has drawn up", "have drawn up"),
    ("compare", "comparent", "compares", "compare"),
    ("anime", "animent", "runs", "run"),
    ("présente", "présentent", "presents", "present"),
    ("expérimente", "expérimentent", "is piloting", "are piloting"),
    ("diffuse", "diffusent", "disseminates", "disseminate"),
    ("coordonne", "coordonnent", "coordinates", "coordinate"),
    ("améliore", "améliorent", "improves", "improve"),
];
#[rustfmt::skip]
const OBJ: [(&str, &str); 20] = [
    ("des séminaires de formation", "training seminars"),
    ("un référentiel de compétences commun", "a shared competence framework"),
    ("des ressources pédagogiques en accès libre", "open educational resources"),
    ("des visites d'étude", "study visits"),
    ("des outils d'évaluation partagés", "shared evaluation tools"),
    ("une recherche-action participative", "participatory action research"),
    ("des ateliers d'échanges de pratiques", "workshops on professional practice"),
    ("un guide méthodologique", "a methodological guide"),
    ("des modules d'enseignement à distance", "distance-learning modules"),
    ("des stages croisés", "reciprocal placements"),
    ("une université d'été", "a summer school"),
    ("des études de cas", "case studies"),
    ("un glossaire bilingue du travail social", "a bilingual glossary of social work"),
    ("des capsules vidéo", "short educational videos"),
    ("un programme de tutorat", "a mentoring programme"),
    ("des journées d'étude", "study days"),
    ("des formations croisées entre pays", "cross-national training courses"),
    ("une plateforme d'apprentissage en ligne", "an online learning platform"),
    ("des rencontres entre professionnels et étudiants", "meetings between practitioners and students"),
    ("une évaluation externe des actions", "an external evaluation of the activities"),
];
#[rustfmt::skip]
const COMP: [(&str, &str); 15] = [
    ("autour de {t}", "on {t}"),
    ("avec les services sociaux locaux", "with local social services"),
    ("pendant la première année", "during the first year"),
    ("afin de renforcer la participation des usagers", "to strengthen the participation of service users"),
    ("en lien avec les universités partenaires", "together with the partner universities"),
    ("selon une démarche interculturelle", "through an intercultural approach"),
    ("à l'échelle européenne", "at European level"),
    ("dans chacun des pays concernés", "in each of the countries involved"),
    ("au plus près des réalités de terrain", "as close as possible to everyday practice"),
    ("en s'appuyant sur l'expérience des étudiants", "drawing on the students' experience"),
    ("pour mieux répondre aux besoins des familles", "to better meet the needs of families"),
    ("à {c2}", "in {c2}"),
    ("à {c1}", "in {c1}"),
    ("lors de rencontres semestrielles", "at meetings held twice a year"),
    ("dans le domaine de {t}", "in the field of {t}"),
];
const ADV: [(&str, &str); 8] = [
    ("Par ailleurs", "In addition"),
    ("Au cours de la deuxième année", "During the second year"),
    ("En parallèle", "Alongside this"),
    ("À terme", "In the long term"),
    ("Dans un second temps", "In a second phase"),
    ("Concrètement", "In practice"),
    ("Chaque semestre", "Every semester"),
    ("Depuis {y}", "Since {y}"),
];
const INF: [(&str, &str); 8] = [
    ("consolider", "consolidate"),
    ("tester", "test"),
    ("adapter", "adapt"),
    ("valoriser", "showcase"),
    ("diffuser plus largement", "disseminate more widely"),
    ("mettre à jour", "update"),
    ("traduire", "translate"),
    ("améliorer", "improve"),
];
const QUAL: [(&str, &str); 5] = [
    ("la richesse", "the richness"),
    ("l'intérêt pédagogique", "the educational value"),
    ("la dimension réflexive", "the reflective dimension"),
    ("l'utilité concrète", "the practical usefulness"),
    ("la qualité", "the quality"),
];
const HEADINGS: [(&str, &str); 10] = [
    ("Objectifs", "Objectives"),
    ("Activités", "Activities"),
    ("Publics concernés", "Who takes part"),
    ("Résultats attendus", "Expected results"),
    ("Méthode de travail", "How we work"),
    ("Calendrier", "Timeline"),
    ("Perspectives", "Next steps"),
    ("Mobilités", "Mobility"),
    ("Évaluation", "Evaluation"),
    ("Partenaires et gouvernance", "Partners and governance"),
];
const LINK_KINDS: [(&str, &str, &str); 4] = [
    ("website", "Site du projet", "Project website"),
    ("results", "Résultats du projet", "Project results"),
    ("press", "Article de presse", "Press article"),
    (
        "document",
        "Convention de partenariat",
        "Partnership agreement",
    ),
];
const PEOPLE: [(&str, &str); 10] = [
    ("Amélie Lefèvre", "amelie.lefevre"),
    ("Jérôme Dubois", "jerome.dubois"),
    ("Hélène Martin", "helene.martin"),
    ("François Girard", "francois.girard"),
    ("Chloé Bernard", "chloe.bernard"),
    ("Noël Petit", "noel.petit"),
    ("Inès Moreau", "ines.moreau"),
    ("Grégoire Lambert", "gregoire.lambert"),
    ("Maëlle Rousseau", "maelle.rousseau"),
    ("Thibault Fontaine", "thibault.fontaine"),
];
const ROLES: [(&str, &str); 4] = [
    (
        "Chargée des relations internationales",
        "International relations officer",
    ),
    ("Coordinateur pédagogique", "Academic coordinator"),
    ("Responsable de la mobilité", "Mobility officer"),
    ("Cheffe de projet", "Project manager"),
];
const BENEFICIARIES: [(&str, &str); 4] = [
    (
        "Étudiants assistants de service social",
        "Social-work students",
    ),
    (
        "Éducateurs spécialisés en formation",
        "Trainee specialised educators",
    ),
    (
        "Formateurs et professionnels de terrain",
        "Trainers and practitioners",
    ),
    (
        "Jeunes accompagnés par les services sociaux",
        "Young people supported by social services",
    ),
];

// ---------------------------------------------------------------- model

struct Institution {
    id: String,
    name: String,
    name_lang: Option<&'static str>,
    short_name: Option<String>,
    kind: usize,
    country: usize,
    city: &'static str,
    website: bool,
    theme: usize,
}

impl Institution {
    fn display(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Clone, Copy)]
struct Date {
    y: i32,
    m: i32,
    d: Option<i32>,
}

impl Date {
    fn months(self) -> i32 {
        self.y * 12 + self.m - 1
    }

    fn from_months(n: i32, d: Option<i32>) -> Date {
        Date {
            y: n.div_euclid(12),
            m: n.rem_euclid(12) + 1,
            d,
        }
    }

    fn iso(self) -> String {
        match self.d {
            Some(d) => format!("{:04}-{:02}-{:02}", self.y, self.m, d),
            None => format!("{:04}-{:02}", self.y, self.m),
        }
    }
}

/// What every partnership's files need to know about any other one.
struct Meta {
    key: String,
    kind: usize,
    programme: usize,
    themes: Vec<usize>,
    status: &'static str,
    start: Date,
    end: Option<Date>,
    coord: usize,
    partner: usize,
    acronym: Option<String>,
    title_fr: String,
    title_en: String,
    translated: bool,
}

struct Corpus {
    seed: u64,
    institutions: Vec<Institution>,
    metas: Vec<Meta>,
}

// ---------------------------------------------------------------- helpers

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn starts_with_vowel(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÀÂÎÔÛaeiouyéèêàâîôûh".contains(c))
}

/// French "de X", elided before a vowel.
fn de(s: &str) -> String {
    if starts_with_vowel(s) {
        format!("d'{s}")
    } else {
        format!("de {s}")
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn fill(template: &str, city: &str) -> String {
    template.replace("{de}", &de(city)).replace("{c}", city)
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

// ---------------------------------------------------------------- institutions

fn make_institutions(seed: u64) -> Vec<Institution> {
    let mut out: Vec<Institution> = Vec::with_capacity(INSTITUTIONS);
    let mut names = std::collections::BTreeSet::new();
    let weights: Vec<usize> = COUNTRIES.iter().map(|c| c.weight).collect();
    for i in 0..INSTITUTIONS {
        let mut rng = Rng::new(seed, 1, i as u64);
        // The first 40 cover every country once; the others follow the weights.
        let country = if i < COUNTRIES.len() {
            i
        } else {
            rng.weighted(&weights)
        };
        let data = &COUNTRIES[country];
        let theme = rng.below(THEMES.len());
        let website = rng.chance(70);
        let native = NATIVE.iter().find(|n| n.0 == data.code);
        let (name, kind, city, name_lang) = match native {
            Some(&(_, name, kind, city, lang)) if i < COUNTRIES.len() => {
                (name.to_string(), kind, city, Some(lang))
            }
            _ => {
                let kind = rng.weighted(&TYPE_WEIGHTS);
                let templates = name_templates(data.lang);
                let draw = |rng: &mut Rng| {
                    let city = *rng.pick(data.cities);
                    let template = *rng.pick(templates[kind]);
                    (fill(template, city), city)
                };
                let (mut name, mut city) = draw(&mut rng);
                for _ in 0..8 {
                    if !names.contains(&name) {
                        break;
                    }
                    (name, city) = draw(&mut rng);
                }
                if names.contains(&name) {
                    name = format!("{name} ({})", i + 1);
                }
                let lang = (data.lang != "fr").then_some(data.lang);
                (name, kind, city, lang)
            }
        };
        names.insert(name.clone());
        let short_name = (kind <= 1 && rng.chance(40))
            .then(|| acronym_of(&name))
            .flatten();
        out.push(Institution {
            id: format!("inst-{:03}", i + 1),
            name,
            name_lang,
            short_name,
            kind,
            country,
            city,
            website,
            theme,
        });
    }
    out
}

/// Initials of the significant words of a name: "HSAW" for
/// "Hochschule für Soziale Arbeit Würzburg".
fn acronym_of(name: &str) -> Option<String> {
    const SMALL: [&str; 16] = [
        "de", "du", "des", "la", "le", "les", "für", "der", "di", "degli", "of", "the", "and",
        "et", "d'", "l'",
    ];
    let letters: String = name
        .split([' ', '-', '\''])
        .filter(|w| w.chars().count() > 2 && !SMALL.contains(w))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    (letters.chars().count() >= 2).then_some(letters)
}

// ---------------------------------------------------------------- partnerships: metadata

fn make_meta(seed: u64, index: usize, width: usize, institutions: &[Institution]) -> Meta {
    let mut rng = Rng::new(seed, 2, index as u64);
    let key = format!("p-{:0width$}", index + 1);
    let kind = rng.weighted(&KIND_WEIGHTS);
    let programme = *rng.pick(KIND_PROGRAMMES[kind]);
    let n_themes = 1 + rng.below(3);
    let themes = rng.distinct(THEMES.len(), n_themes);
    let coord = rng.below(institutions.len());
    let preferred: &[&str] = match kind {
        2 => &NEIGHBOURS,
        5 => &SOUTH,
        _ => &[],
    };
    let mut partner = rng.below(institutions.len());
    for _ in 0..50 {
        let code = COUNTRIES[institutions[partner].country].code;
        if partner != coord && (preferred.is_empty() || preferred.contains(&code)) {
            break;
        }
        partner = rng.below(institutions.len());
    }
    if partner == coord {
        partner = (coord + 1) % institutions.len();
    }
    let day = |rng: &mut Rng| rng.chance(30).then(|| rng.range(1, 28) as i32);
    let roll = rng.below(100);
    let (status, start, end) = if roll < 10 {
        // Planned: starts in 2027 or 2028.
        let start = Date::from_months(rng.range(2027 * 12, 2028 * 12 + 11) as i32, day(&mut rng));
        let end = rng
            .chance(80)
            .then(|| Date::from_months(start.months() + rng.range(12, 48) as i32, day(&mut rng)));
        ("planned", start, end)
    } else if roll < 55 {
        // Ended: the end is in 2025 at the latest.
        let end_m = rng.range(2009 * 12, 2025 * 12 + 11) as i32;
        let start = Date::from_months(end_m - rng.range(6, 60) as i32, day(&mut rng));
        (
            "ended",
            start,
            Some(Date::from_months(end_m, day(&mut rng))),
        )
    } else {
        // Ongoing: started by September 2026, ends in 2027 or later, or never.
        let start_m = rng.range(2014 * 12, 2026 * 12 + 8) as i32;
        let start = Date::from_months(start_m, day(&mut rng));
        let end = rng.chance(65).then(|| {
            let lo = (2027 * 12).max(start_m + 12);
            Date::from_months(
                rng.range(i64::from(lo), 2031 * 12 + 11) as i32,
                day(&mut rng),
            )
        });
        ("ongoing", start, end)
    };
    let acronym = (kind == 1 || (kind == 4 && rng.chance(50))).then(|| {
        let n = 2 + rng.below(2);
        (0..n).map(|_| *rng.pick(&SYLLABLES)).collect::<String>()
    });
    let (c1, c2) = (institutions[coord].city, institutions[partner].city);
    let (topic_fr, topic_en) = (THEMES[themes[0]].3, THEMES[themes[0]].4);
    let (mut title_fr, mut title_en) = match kind {
        0 if c1 != c2 && rng.chance(50) => (
            format!("Mobilités Erasmus+ entre {c1} et {c2}"),
            format!("Erasmus+ mobility between {c1} and {c2}"),
        ),
        0 => (
            format!("Échanges d'étudiants et de formateurs avec {c2} sur {topic_fr}"),
            format!("Student and staff exchanges with {c2} on {topic_en}"),
        ),
        1 => {
            let (nf, ne) = rng.pick(&PROJECT_NOUN);
            let a = acronym.as_deref().unwrap_or_default();
            (
                format!("{a} : {nf} {topic_fr}"),
                format!("{a}: {ne} {topic_en}"),
            )
        }
        2 => (
            format!("Coopération transfrontalière {c1}–{c2} sur {topic_fr}"),
            format!("Cross-border cooperation {c1}–{c2} on {topic_en}"),
        ),
        3 => (
            format!("Partenariat bilatéral avec {c2} : {topic_fr}"),
            format!("Bilateral partnership with {c2}: {topic_en}"),
        ),
        4 => {
            let (af, ae) = rng.pick(&ADJ_NETWORK);
            (
                format!("Réseau {af} pour {topic_fr}"),
                format!("{ae} network for {topic_en}"),
            )
        }
        _ => (
            format!("Coopération décentralisée avec {c2} sur {topic_fr}"),
            format!("Decentralised cooperation with {c2} on {topic_en}"),
        ),
    };
    if rng.chance(35) {
        let suffix = match end {
            Some(end) if end.y != start.y => format!(" ({}–{})", start.y, end.y),
            _ => format!(" ({})", start.y),
        };
        title_fr.push_str(&suffix);
        title_en.push_str(&suffix);
    }
    Meta {
        key,
        kind,
        programme,
        themes,
        status,
        start,
        end,
        coord,
        partner,
        acronym,
        title_fr,
        title_en,
        // One in 50 has no English file.
        translated: index % 50 != 6,
    }
}

// ---------------------------------------------------------------- partnerships: body

#[derive(Clone, Copy)]
enum S {
    Generic {
        subj: usize,
        verb: usize,
        obj: usize,
        comp: usize,
        style: u8,
    },
    Adv {
        adv: usize,
        subj: usize,
        verb: usize,
        obj: usize,
        comp: usize,
    },
    Result {
        inf: usize,
        obj: usize,
        comp: usize,
    },
    Feedback {
        qual: usize,
    },
    Numbers {
        students: i64,
        trainers: i64,
        year: i32,
    },
    Members,
    Country,
    Inst {
        inst: usize,
    },
    Ext {
        which: usize,
    },
    Part {
        target: usize,
        form: usize,
    },
    Theme {
        theme: usize,
    },
}

enum Block {
    Para(Vec<S>),
    Heading(usize),
    List(Vec<(usize, usize)>),
}

struct Ctx<'a> {
    corpus: &'a Corpus,
    meta: &'a Meta,
    en: bool,
}

impl Ctx<'_> {
    fn comp(&self, i: usize) -> String {
        let m = self.meta;
        let inst = &self.corpus.institutions;
        let t = THEMES[m.themes[0]];
        let (template, topic) = if self.en {
            (COMP[i].1, t.4)
        } else {
            (COMP[i].0, t.3)
        };
        let text = template
            .replace("{t}", topic)
            .replace("{c1}", inst[m.coord].city)
            .replace("{c2}", inst[m.partner].city);
        if self.en {
            text
        } else {
            // French contractions: "de le soutien" -> "du soutien".
            text.replace("de le ", "du ")
                .replace("de les ", "des ")
                .replace("à le ", "au ")
                .replace("à les ", "aux ")
        }
    }

    fn verb(&self, subj: usize, verb: usize) -> &'static str {
        let v = VERBS[verb];
        match (self.en, SUBJ[subj].2) {
            (false, false) => v.0,
            (false, true) => v.1,
            (true, false) => v.2,
            (true, true) => v.3,
        }
    }

    fn lang<'s>(&self, pair: (&'s str, &'s str)) -> &'s str {
        if self.en {
            pair.1
        } else {
            pair.0
        }
    }

    fn sentence(&self, s: S, out: &mut String) {
        let m = self.meta;
        let c = self.corpus;
        let insts = &c.institutions;
        match s {
            S::Generic {
                subj,
                verb,
                obj,
                comp,
                style,
            } => {
                let o = self.lang(OBJ[obj]);
                let o = match style {
                    1 => format!("*{o}*"),
                    2 => format!("**{o}**"),
                    _ => o.to_string(),
                };
                let subject = self.lang((SUBJ[subj].0, SUBJ[subj].1));
                let _ = write!(
                    out,
                    "{subject} {} {o} {}.",
                    self.verb(subj, verb),
                    self.comp(comp)
                );
            }
            S::Adv {
                adv,
                subj,
                verb,
                obj,
                comp,
            } => {
                let a = self.lang(ADV[adv]).replace("{y}", &m.start.y.to_string());
                let subject = self.lang((SUBJ[subj].0, SUBJ[subj].1));
                let subject = subject.to_lowercase();
                let _ = write!(
                    out,
                    "{a}, {subject} {} {} {}.",
                    self.verb(subj, verb),
                    self.lang(OBJ[obj]),
                    self.comp(comp)
                );
            }
            S::Result { inf, obj, comp } => {
                let (o, k) = (self.lang(OBJ[obj]), self.comp(comp));
                if self.en {
                    let _ = write!(
                        out,
                        "This stage made it possible to {} {o} {k}.",
                        INF[inf].1
                    );
                } else {
                    let _ = write!(out, "Cette étape a permis {} {o} {k}.", de(INF[inf].0));
                }
            }
            S::Feedback { qual } => {
                if self.en {
                    let _ = write!(
                        out,
                        "Feedback from participants highlights {} of these exchanges.",
                        QUAL[qual].1
                    );
                } else {
                    let _ = write!(
                        out,
                        "Les retours des participants soulignent {} de ces échanges.",
                        QUAL[qual].0
                    );
                }
            }
            S::Numbers {
                students,
                trainers,
                year,
            } => {
                if self.en {
                    let _ = write!(out, "In all, {students} students and {trainers} trainers took part in the activities in {year}.");
                } else {
                    let _ = write!(out, "Au total, {students} étudiants et {trainers} formateurs ont participé aux activités en {year}.");
                }
            }
            S::Members => {
                let (a, b) = (&insts[m.coord], &insts[m.partner]);
                if self.en {
                    let _ = write!(
                        out,
                        "This partnership brings together [{}](@/institutions/{}) in {} and [{}](@/institutions/{}) in {}.",
                        a.name, a.id, a.city, b.name, b.id, b.city
                    );
                } else {
                    let _ = write!(
                        out,
                        "Ce partenariat associe [{}](@/institutions/{}), à {}, et [{}](@/institutions/{}), à {}.",
                        a.name, a.id, a.city, b.name, b.id, b.city
                    );
                }
            }
            S::Country => {
                let country = &COUNTRIES[insts[m.partner].country];
                if self.en {
                    let _ = write!(
                        out,
                        "It also strengthens cooperation with [{}](@/countries/{}).",
                        country.en, country.code
                    );
                } else {
                    let _ = write!(
                        out,
                        "Il renforce aussi la coopération avec [{}](@/countries/{}).",
                        country.fr_art, country.code
                    );
                }
            }
            S::Inst { inst } => {
                let i = &insts[inst];
                if self.en {
                    let _ = write!(
                        out,
                        "[{}](@/institutions/{}) in {} has also taken part in the work.",
                        i.name, i.id, i.city
                    );
                } else {
                    let _ = write!(
                        out,
                        "[{}](@/institutions/{}), à {}, a également pris part aux travaux.",
                        i.name, i.id, i.city
                    );
                }
            }
            S::Ext { which } => {
                let k = &m.key;
                let text = match (which, self.en) {
                    (0, false) => format!("Le programme détaillé est publié sur [le site du projet](https://example.org/projets/{k}/)."),
                    (0, true) => format!("The detailed programme is published on [the project website](https://example.org/projets/{k}/)."),
                    (1, false) => format!("Les résultats intermédiaires sont présentés dans [un rapport en ligne](https://example.org/rapports/{k}.pdf)."),
                    (1, true) => format!("Interim results are presented in [an online report](https://example.org/rapports/{k}.pdf)."),
                    (_, false) => "Le cadre général est décrit sur [le portail de la Commission européenne](https://example.org/erasmus-plus/actions/).".to_string(),
                    (_, true) => "The general framework is described on [the European Commission portal](https://example.org/erasmus-plus/actions/).".to_string(),
                };
                out.push_str(&text);
            }
            S::Part { target, form } => {
                let t = &c.metas[target];
                let title = if self.en && t.translated {
                    &t.title_en
                } else {
                    &t.title_fr
                };
                let link = format!("[{title}](@/partnerships/{})", t.key);
                let text = match (form, self.en) {
                    (0, false) => format!("Ce travail prolonge le partenariat {link}."),
                    (0, true) => format!("This work builds on the partnership {link}."),
                    (1, false) => format!("Voir aussi {link}, qui aborde des questions voisines."),
                    (1, true) => format!("See also {link}, which deals with related questions."),
                    (_, false) => format!("Les partenaires s'appuient sur les acquis de {link}."),
                    (_, true) => format!("The partners draw on the results of {link}."),
                };
                out.push_str(&text);
            }
            S::Theme { theme } => {
                let t = THEMES[theme];
                if self.en {
                    let _ = write!(
                        out,
                        "The project falls under the theme [{}](@/themes/{}).",
                        t.2.to_lowercase(),
                        t.0
                    );
                } else {
                    let _ = write!(
                        out,
                        "Le projet relève de la thématique [{}](@/themes/{}).",
                        t.1.to_lowercase(),
                        t.0
                    );
                }
            }
        }
    }

    fn render(&self, blocks: &[Block], out: &mut String) {
        for (n, block) in blocks.iter().enumerate() {
            if n > 0 {
                out.push_str("\n\n");
            }
            match block {
                Block::Heading(h) => {
                    out.push_str("## ");
                    out.push_str(self.lang(HEADINGS[*h]));
                }
                Block::Para(sentences) => {
                    for (k, s) in sentences.iter().enumerate() {
                        if k > 0 {
                            out.push(' ');
                        }
                        self.sentence(*s, out);
                    }
                }
                Block::List(items) => {
                    for (k, (obj, comp)) in items.iter().enumerate() {
                        if k > 0 {
                            out.push('\n');
                        }
                        if self.en {
                            let _ =
                                write!(out, "- {} {}", capitalise(OBJ[*obj].1), self.comp(*comp));
                        } else {
                            let end = if k + 1 == items.len() { '.' } else { ';' };
                            let _ = write!(
                                out,
                                "- {} {}{}{end}",
                                OBJ[*obj].0,
                                self.comp(*comp),
                                if end == ';' { " " } else { "" }
                            );
                        }
                    }
                }
            }
        }
        out.push('\n');
    }
}

fn filler(rng: &mut Rng, meta: &Meta) -> S {
    match rng.weighted(&[50, 20, 15, 6, 4]) {
        0 => S::Generic {
            subj: rng.below(SUBJ.len()),
            verb: rng.below(VERBS.len()),
            obj: rng.below(OBJ.len()),
            comp: rng.below(COMP.len()),
            style: 0,
        },
        1 => S::Adv {
            adv: rng.below(ADV.len()),
            subj: rng.below(SUBJ.len()),
            verb: rng.below(VERBS.len()),
            obj: rng.below(OBJ.len()),
            comp: rng.below(COMP.len()),
        },
        2 => S::Result {
            inf: rng.below(INF.len()),
            obj: rng.below(OBJ.len()),
            comp: rng.below(COMP.len()),
        },
        3 => S::Feedback {
            qual: rng.below(QUAL.len()),
        },
        _ => {
            let last = meta.end.map_or(2026, |e| e.y).min(2026).max(meta.start.y);
            S::Numbers {
                students: rng.range(4, 120),
                trainers: rng.range(2, 30),
                year: rng.range(i64::from(meta.start.y), i64::from(last)) as i32,
            }
        }
    }
}

fn make_body(corpus: &Corpus, index: usize) -> Vec<Block> {
    let meta = &corpus.metas[index];
    let mut rng = Rng::new(corpus.seed, 3, index as u64);
    let count = |s: S| {
        let mut text = String::new();
        Ctx {
            corpus,
            meta,
            en: false,
        }
        .sentence(s, &mut text);
        words(&text)
    };
    let mut total = 0;
    let mut intro = vec![S::Members, filler(&mut rng, meta)];
    if rng.chance(30) {
        intro.insert(1, S::Country);
    }
    if rng.chance(10) {
        intro.push(S::Theme {
            theme: *rng.pick(&meta.themes),
        });
    }
    let n_sections = 2 + rng.below(3);
    let headings = rng.distinct(HEADINGS.len(), n_sections);
    let mut paras: Vec<Vec<S>> = Vec::with_capacity(n_sections + 1);
    paras.push(intro);
    for s in 0..n_sections {
        let style = match s {
            0 => 1,
            _ if s + 1 == n_sections => 2,
            _ => 0,
        };
        let first = S::Generic {
            subj: rng.below(SUBJ.len()),
            verb: rng.below(VERBS.len()),
            obj: rng.below(OBJ.len()),
            comp: rng.below(COMP.len()),
            style,
        };
        paras.push(vec![first, filler(&mut rng, meta)]);
    }
    // External links, links to other partnerships, an occasional institution.
    let k = 1 + rng.below(2);
    for which in rng.distinct(3, k) {
        let p = 1 + rng.below(n_sections);
        paras[p].push(S::Ext { which });
    }
    let others = corpus.metas.len() - 1;
    if others > 0 {
        let k = 1 + rng.below(3);
        for t in rng.distinct(others, k) {
            let target = if t >= index { t + 1 } else { t };
            let p = 1 + rng.below(n_sections);
            let form = rng.below(3);
            paras[p].push(S::Part { target, form });
        }
    }
    if rng.chance(25) {
        let inst = rng.below(corpus.institutions.len());
        let p = 1 + rng.below(n_sections);
        paras[p].push(S::Inst { inst });
    }
    let list_after = 1 + rng.below(n_sections);
    let n_items = 3 + rng.below(3);
    let items: Vec<(usize, usize)> = rng
        .distinct(OBJ.len(), n_items)
        .into_iter()
        .map(|o| (o, rng.below(COMP.len())))
        .collect();
    for para in &paras {
        total += para.iter().map(|s| count(*s)).sum::<usize>();
    }
    let fr_ctx = Ctx {
        corpus,
        meta,
        en: false,
    };
    total += items
        .iter()
        .map(|(o, c)| words(OBJ[*o].0) + words(&fr_ctx.comp(*c)))
        .sum::<usize>();
    // Fill up to about 400 words.
    let target = rng.range(360, 420) as usize;
    while total < target {
        let s = filler(&mut rng, meta);
        total += count(s);
        // The intro stays short; sections grow anywhere after their first
        // sentence.
        let p = match rng.below(paras.len()) {
            0 if paras[0].len() < 4 => 0,
            0 => 1 + rng.below(n_sections),
            p => p,
        };
        if p == 0 {
            paras[0].push(s);
        } else {
            let at = rng.below(paras[p].len()) + 1;
            paras[p].insert(at, s);
        }
    }
    let mut blocks = Vec::with_capacity(2 * n_sections + 2);
    let mut paras = paras.into_iter();
    blocks.push(Block::Para(paras.next().unwrap_or_default()));
    let mut items = Some(items);
    for (s, para) in paras.enumerate() {
        blocks.push(Block::Heading(headings[s]));
        blocks.push(Block::Para(para));
        if s + 1 == list_after {
            if let Some(items) = items.take() {
                blocks.push(Block::List(items));
            }
        }
    }
    blocks
}

// ---------------------------------------------------------------- partnerships: files

fn write_partnership(corpus: &Corpus, index: usize, fr: &mut String, en: &mut String) {
    let meta = &corpus.metas[index];
    let insts = &corpus.institutions;
    let mut rng = Rng::new(corpus.seed, 4, index as u64);
    let (a, b) = (&insts[meta.coord], &insts[meta.partner]);
    let t = THEMES[meta.themes[0]];
    let (kf, ke) = KIND_PHRASE[meta.kind];
    let extra = rng.chance(50);
    let summary = |short: bool, en: bool| {
        let (names, topic, kind) = if en {
            (("between", "and"), t.4, ke)
        } else {
            (("entre", "et"), t.3, kf)
        };
        let mut s = if short {
            if en {
                format!("{kind} on {topic}.")
            } else {
                format!("{kind} qui porte sur {topic}.")
            }
        } else if en {
            format!(
                "{kind} {} {} ({}) {} {} ({}) on {topic}.",
                names.0,
                a.display(),
                a.city,
                names.1,
                b.display(),
                b.city
            )
        } else {
            format!(
                "{kind} {} {} ({}) {} {} ({}) qui porte sur {topic}.",
                names.0,
                a.display(),
                a.city,
                names.1,
                b.display(),
                b.city
            )
        };
        if extra {
            s.push_str(if en {
                " Activities bring together students, trainers and practitioners."
            } else {
                " Les activités réunissent étudiants, formateurs et professionnels de terrain."
            });
        }
        s
    };
    let pick_summary = |en: bool| {
        let long = summary(false, en);
        if long.chars().count() <= 300 {
            long
        } else {
            summary(true, en)
        }
    };

    // Shared fields, in the French file.
    fr.push_str("---\n");
    let _ = writeln!(fr, "title: {}", q(&meta.title_fr));
    let _ = writeln!(fr, "summary: {}", q(&pick_summary(false)));
    if let Some(acronym) = &meta.acronym {
        let _ = writeln!(fr, "acronym: {}", q(acronym));
    }
    let _ = writeln!(fr, "kind: {}", KINDS[meta.kind]);
    let _ = writeln!(fr, "programme: {}", PROGRAMMES[meta.programme].0);
    let action = match (meta.kind, meta.programme) {
        (0, 0) => Some(*rng.pick(&["KA131", "KA131", "KA171"])),
        (0, 1) => Some(*rng.pick(&["KA152", "KA153"])),
        (1, 0) | (4, 0) => Some(*rng.pick(&["KA220", "KA210"])),
        _ => None,
    }
    .filter(|_| rng.chance(80));
    if let Some(action) = action {
        let _ = writeln!(fr, "action: {action}");
        if meta.kind == 1 && rng.chance(70) {
            let sector = if action == "KA220" { "HED" } else { "ADU" };
            let _ = writeln!(
                fr,
                "project_ref: {}",
                q(&format!(
                    "{}-1-FR01-{action}-{sector}-{:09}",
                    meta.start.y,
                    rng.range(1, 999_999)
                ))
            );
        }
    }
    let themes: Vec<&str> = meta.themes.iter().map(|t| THEMES[*t].0).collect();
    let _ = writeln!(fr, "themes: [{}]", themes.join(", "));
    let _ = writeln!(fr, "status: {}", meta.status);
    if meta.kind == 0 && rng.chance(50) {
        let _ = writeln!(
            fr,
            "first_agreement: {}",
            meta.start.y - rng.below(9) as i32
        );
    }
    let _ = writeln!(fr, "start: {}", meta.start.iso());
    if let Some(end) = meta.end {
        let _ = writeln!(fr, "end: {}", end.iso());
    }
    fr.push_str("members:\n");
    let _ = writeln!(fr, "  - {{institution: {}, role: coordinator}}", a.id);
    let _ = writeln!(fr, "  - {{institution: {}, role: partner}}", b.id);
    if meta.kind == 0 {
        fr.push_str("mobility:\n");
        const TYPES: [&str; 5] = ["SMS", "SMP", "STA", "STT", "group"];
        let k = 1 + rng.below(3);
        for ty in rng.distinct(TYPES.len(), k) {
            let direction = *rng.pick(&["outgoing", "incoming", "both"]);
            let _ = write!(fr, "  - {{type: {}, direction: {direction}", TYPES[ty]);
            if rng.chance(85) {
                let _ = write!(fr, ", places: {}", rng.range(1, 12));
            }
            match ty {
                0 | 1 => {
                    let _ = write!(fr, ", months: {}", rng.range(2, 10));
                }
                _ if rng.chance(50) => fr.push_str(", months: 0.5"),
                _ => {}
            }
            fr.push_str("}\n");
        }
    }
    fr.push_str("funding:\n");
    let last_year = meta
        .end
        .map_or(meta.start.y + 3, |e| e.y)
        .min(2026)
        .max(meta.start.y);
    let lines = 1 + rng.below(4);
    let co = rng.distinct(CO_FUNDERS.len(), lines - 1);
    for line in 0..lines {
        let funder = match line {
            0 => q(MAIN_FUNDER[meta.programme]),
            _ if rng.chance(25) => [a, b][rng.below(2)].id.clone(),
            _ => q(CO_FUNDERS[co[line - 1]]),
        };
        let amount = rng.range(1_000, 500_000);
        let year = rng.range(i64::from(meta.start.y), i64::from(last_year));
        let _ = writeln!(
            fr,
            "  - {{funder: {funder}, amount: {amount}, currency: EUR, year: {year}}}"
        );
    }
    let beneficiaries = rng.chance(30).then(|| *rng.pick(&BENEFICIARIES));
    if let Some((bf, _)) = beneficiaries {
        let _ = writeln!(fr, "beneficiaries: {}", q(bf));
    }
    let contacts: Vec<(usize, usize, bool)> = if rng.chance(15) {
        (0..1 + rng.below(2))
            .map(|_| {
                (
                    rng.below(PEOPLE.len()),
                    rng.below(ROLES.len()),
                    rng.chance(70),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    if !contacts.is_empty() {
        fr.push_str("contacts:\n");
        for (person, role, public) in &contacts {
            let (name, mail) = PEOPLE[*person];
            let _ = writeln!(
                fr,
                "  - {{name: {}, role: {}, email: {}, public: {public}}}",
                q(name),
                q(ROLES[*role].0),
                q(&format!("{mail}@example.org"))
            );
        }
    }
    let links: Vec<usize> = if rng.chance(40) {
        let k = 1 + rng.below(2);
        rng.distinct(LINK_KINDS.len(), k)
    } else {
        Vec::new()
    };
    if !links.is_empty() {
        fr.push_str("links:\n");
        for l in &links {
            let (kind, label, _) = LINK_KINDS[*l];
            let _ = writeln!(
                fr,
                "  - {{url: \"https://example.org/partenariats/{}/{kind}\", label: {}, kind: {kind}}}",
                meta.key,
                q(label)
            );
        }
    }
    let video = rng.chance(5);
    if video {
        let _ = writeln!(
            fr,
            "videos:\n  - {{url: \"https://video.example.org/watch/{}\", title: \"Présentation en vidéo\"}}",
            meta.key
        );
    }
    if meta.kind == 1 && rng.chance(70) {
        let statement = if rng.chance(70) {
            "co_funded"
        } else {
            "funded"
        };
        let _ = writeln!(
            fr,
            "eu_funding: {{statement: {statement}, authority: \"Commission européenne\"}}"
        );
    }
    fr.push_str("---\n");
    let blocks = make_body(corpus, index);
    Ctx {
        corpus,
        meta,
        en: false,
    }
    .render(&blocks, fr);

    if !meta.translated {
        return;
    }
    // Translated fields, in the English file.
    en.push_str("---\n");
    let _ = writeln!(en, "title: {}", q(&meta.title_en));
    let _ = writeln!(en, "summary: {}", q(&pick_summary(true)));
    let _ = writeln!(en, "slug: {}-en", meta.key);
    if let Some((_, be)) = beneficiaries {
        let _ = writeln!(en, "beneficiaries: {}", q(be));
    }
    if !contacts.is_empty() {
        en.push_str("contacts:\n");
        for (_, role, _) in &contacts {
            let _ = writeln!(en, "  - {{role: {}}}", q(ROLES[*role].1));
        }
    }
    if !links.is_empty() {
        en.push_str("links:\n");
        for l in &links {
            let _ = writeln!(en, "  - {{label: {}}}", q(LINK_KINDS[*l].2));
        }
    }
    if video {
        en.push_str("videos:\n  - {title: \"Video presentation\"}\n");
    }
    en.push_str("---\n");
    Ctx {
        corpus,
        meta,
        en: true,
    }
    .render(&blocks, en);
}

// ---------------------------------------------------------------- other files

fn site_yaml() -> String {
    "title: {fr: \"Partenariats internationaux (corpus généré)\", en: \"International partnerships (generated corpus)\"}
description:
  fr: \"Un catalogue fictif de partenariats internationaux en travail social, généré pour les tests de charge de passerelle : mobilités Erasmus+, projets européens, coopérations transfrontalières et décentralisées.\"
  en: \"A fictional catalogue of international partnerships in social work, generated for passerelle's load tests: Erasmus+ mobility, European projects, cross-border and decentralised cooperation.\"
languages: [fr, en]
base_url: https://example.org/catalogue/
theme: default
publisher: \"Réseau européen des écoles de travail social (corpus de test)\"
"
    .to_string()
}

fn taxonomy(items: impl Iterator<Item = (&'static str, &'static str, &'static str)>) -> String {
    let mut out = String::new();
    for (id, fr, en) in items {
        let _ = writeln!(out, "{id}: {{fr: {}, en: {}}}", q(fr), q(en));
    }
    out
}

fn institution_yaml(inst: &Institution) -> String {
    let mut out = String::new();
    let country = &COUNTRIES[inst.country];
    let _ = writeln!(out, "name: {}", q(&inst.name));
    if let Some(lang) = inst.name_lang {
        let _ = writeln!(out, "name_lang: {lang}");
    }
    if let Some(short) = &inst.short_name {
        let _ = writeln!(out, "short_name: {}", q(short));
    }
    let _ = writeln!(out, "type: {}", TYPES[inst.kind]);
    let _ = writeln!(out, "country: {}", country.code);
    let _ = writeln!(out, "city: {}", q(inst.city));
    if inst.website {
        let _ = writeln!(out, "website: https://{}.example.org/", inst.id);
    }
    let (df, de_) = TYPE_DESC[inst.kind];
    let t = THEMES[inst.theme];
    out.push_str("description:\n");
    let _ = writeln!(
        out,
        "  fr: {}",
        q(&format!(
            "{df} à {}, {}. Ses équipes accueillent des étudiants et des formateurs en mobilité ; ses activités portent notamment sur {}.",
            inst.city, country.fr_in, t.3
        ))
    );
    let _ = writeln!(
        out,
        "  en: {}",
        q(&format!(
            "{de_} in {}, {}. Its teams host students and trainers on exchange; its work focuses in particular on {}.",
            inst.city, country.en, t.4
        ))
    );
    out
}

fn country_yaml(seed: u64, index: usize, institutions: &[Institution]) -> String {
    let mut rng = Rng::new(seed, 5, index as u64);
    let c = &COUNTRIES[index];
    let local: Vec<&Institution> = institutions.iter().filter(|i| i.country == index).collect();
    let inst = local[rng.below(local.len())];
    let t = THEMES[rng.below(THEMES.len())];
    let mut out = String::from("intro:\n");
    let _ = writeln!(
        out,
        "  fr: {}",
        q(&format!(
            "Le catalogue recense plusieurs coopérations avec {}, notamment avec [{}](@/institutions/{}) à {}. Les échanges y portent surtout sur {} et sur *la mobilité des étudiants*.",
            c.fr_art, inst.name, inst.id, inst.city, t.3
        ))
    );
    let _ = writeln!(
        out,
        "  en: {}",
        q(&format!(
            "The catalogue lists several partnerships with {}, in particular with [{}](@/institutions/{}) in {}. Exchanges there mostly concern {} and *student mobility*.",
            c.en, inst.name, inst.id, inst.city, t.4
        ))
    );
    out
}

fn about(en: bool) -> String {
    if en {
        "---
title: About this corpus
slug: about
summary: A generated catalogue for load tests.
---
This site is a **generated corpus**: its institutions and partnerships are fictional and were written by `gen-corpus` from word lists. It lets passerelle's builds be measured on a catalogue of realistic size. Start with [the first partnership](@/partnerships/p-00001) or the theme [child protection](@/themes/child-protection).
"
        .to_string()
    } else {
        "---
title: À propos de ce corpus
slug: a-propos
summary: Un catalogue généré pour les tests de charge.
---
Ce site est un **corpus généré** : ses établissements et ses partenariats sont fictifs et ont été écrits par `gen-corpus` à partir de listes de mots. Il permet de mesurer les constructions de passerelle sur un catalogue de taille réaliste. Commencez par [le premier partenariat](@/partnerships/p-00001) ou par la thématique [protection de l'enfance](@/themes/child-protection).
"
        .to_string()
    }
}

// ---------------------------------------------------------------- output

struct Writer {
    root: PathBuf,
    files: usize,
    bytes: u64,
}

impl Writer {
    fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let mut file = BufWriter::new(File::create(self.root.join(rel))?);
        file.write_all(text.as_bytes())?;
        file.flush()?;
        self.files += 1;
        self.bytes += text.len() as u64;
        Ok(())
    }
}

/// Makes `out` ready: created if missing; if not empty, it must hold a
/// previous corpus, whose generated files are removed.
fn prepare(out: &Path) -> Result<(), String> {
    match fs::symlink_metadata(out) {
        Err(_) => {
            return fs::create_dir_all(out)
                .map_err(|e| format!("cannot create `{}`: {e}", out.display()))
        }
        Ok(m) if !m.is_dir() && !out.is_dir() => {
            return Err(format!("`{}` exists and is not a folder", out.display()))
        }
        Ok(_) => {}
    }
    let mut entries =
        fs::read_dir(out).map_err(|e| format!("cannot read `{}`: {e}", out.display()))?;
    if entries.next().is_none() {
        return Ok(());
    }
    if !out.join(MARKER).is_file() {
        return Err(format!(
            "`{}` is not empty and holds no `{MARKER}` marker: refusing to write into it (choose an empty or missing folder)",
            out.display()
        ));
    }
    // A previous corpus: remove only what the generator writes.
    for name in ["content", "site.yaml", MARKER] {
        let path = out.join(name);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
            Err(_) => continue,
        }
        .map_err(|e| format!("cannot remove `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// One partnership in ten has a cover with `--covers`.
const COVER_EVERY: usize = 10;

/// The cover of partnership `index`: its file, written, and its lines.
fn write_cover(
    w: &mut Writer,
    seed: u64,
    index: usize,
    key: &str,
) -> std::io::Result<(String, String)> {
    let file = format!("covers/{key}.jpg");
    let picture = artwork::landscape(seed ^ (index as u64).wrapping_mul(0x9E37), 1000, 667);
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80);
    picture
        .write_with_encoder(encoder)
        .map_err(std::io::Error::other)?;
    let path = w.root.join("content/media").join(&file);
    fs::create_dir_all(path.parent().unwrap_or(&w.root))?;
    fs::write(&path, &bytes)?;
    w.files += 1;
    w.bytes += bytes.len() as u64;
    Ok((
        format!("image: {{file: {file}, alt: \"Paysage dessiné : des collines et une passerelle au-dessus d'une rivière\", credit: gen-corpus}}\n"),
        format!("image: {{file: {file}, alt: \"A drawn landscape: hills and a footbridge over a river\", credit: gen-corpus}}\n"),
    ))
}

/// `text` with `line` put after its first line (the front matter's `---`).
fn after_first_line(text: &mut String, line: &str) {
    let at = text.find('\n').map_or(0, |i| i + 1);
    text.insert_str(at, line);
}

fn generate(n: usize, seed: u64, covers: bool, out: &Path) -> std::io::Result<Writer> {
    let institutions = make_institutions(seed);
    let width = n.to_string().len().max(5);
    let metas: Vec<Meta> = (0..n)
        .map(|i| make_meta(seed, i, width, &institutions))
        .collect();
    let corpus = Corpus {
        seed,
        institutions,
        metas,
    };
    let mut w = Writer {
        root: out.to_path_buf(),
        files: 0,
        bytes: 0,
    };
    w.write(
        MARKER,
        &format!(
            "gen-corpus --partnerships {n} --seed {seed}{}\n",
            if covers { " --covers" } else { "" }
        ),
    )?;
    for dir in [
        "taxonomies",
        "countries",
        "institutions",
        "partnerships",
        "pages",
    ] {
        fs::create_dir_all(out.join("content").join(dir))?;
    }
    w.write("site.yaml", &site_yaml())?;
    w.write(
        "content/taxonomies/themes.yaml",
        &taxonomy(THEMES.iter().map(|t| (t.0, t.1, t.2))),
    )?;
    w.write(
        "content/taxonomies/programmes.yaml",
        &taxonomy(PROGRAMMES.iter().copied()),
    )?;
    w.write("content/pages/about.fr.md", &about(false))?;
    w.write("content/pages/about.en.md", &about(true))?;
    for (i, c) in COUNTRIES.iter().enumerate() {
        if i % 2 == 0 {
            let text = country_yaml(seed, i, &corpus.institutions);
            w.write(&format!("content/countries/{}.yaml", c.code), &text)?;
        }
    }
    for inst in &corpus.institutions {
        w.write(
            &format!("content/institutions/{}.yaml", inst.id),
            &institution_yaml(inst),
        )?;
    }
    let (mut fr, mut en) = (String::with_capacity(8192), String::with_capacity(8192));
    for i in 0..n {
        fr.clear();
        en.clear();
        write_partnership(&corpus, i, &mut fr, &mut en);
        let key = &corpus.metas[i].key;
        if covers && i % COVER_EVERY == 0 {
            let (line_fr, line_en) = write_cover(&mut w, seed, i, key)?;
            after_first_line(&mut fr, &line_fr);
            after_first_line(&mut en, &line_en);
        }
        w.write(&format!("content/partnerships/{key}.fr.md"), &fr)?;
        if corpus.metas[i].translated {
            w.write(&format!("content/partnerships/{key}.en.md"), &en)?;
        }
    }
    Ok(w)
}

const USAGE: &str = "usage: gen-corpus --partnerships N --out DIR [--seed S] [--covers]";

fn parse_args() -> Result<(usize, PathBuf, u64, bool), String> {
    let mut args = std::env::args().skip(1);
    let (mut n, mut out, mut seed, mut covers) = (None, None, 1u64, false);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        if flag == "--covers" {
            covers = true;
            continue;
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("`{flag}` needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--partnerships" => {
                let v = value()?;
                n = Some(v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                    format!("`--partnerships` expects a number of at least 1, found `{v}`")
                })?);
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| format!("`--seed` expects a whole number, found `{v}`"))?;
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    match (n, out) {
        (Some(n), Some(out)) => Ok((n, out, seed, covers)),
        _ => Err(USAGE.to_string()),
    }
}

fn main() -> ExitCode {
    let (n, out, seed, covers) = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    if let Err(message) = prepare(&out) {
        eprintln!("error: {message}");
        return ExitCode::from(1);
    }
    let started = Instant::now();
    match generate(n, seed, covers, &out) {
        Ok(w) => {
            println!(
                "wrote {} files ({:.1} MB) to {} in {:.2} s ({n} partnerships, seed {seed})",
                w.files,
                w.bytes as f64 / 1e6,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing into `{}`: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
