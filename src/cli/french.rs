//! The command line in French: `--help` and the usage errors follow
//! `--lang fr` or a French locale. clap writes English; its help strings
//! are replaced from [`HELP`] (one line for every command and flag, which a
//! test keeps complete), its headings from a template, and its errors are
//! rewritten from their kind and context.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, Parser};

use crate::diagnostics::MessageLang;

/// The command line `T`, parsed with its help and usage errors in French
/// when `--lang fr` is given or, without `--lang`, the locale is French.
pub fn parse<T: Parser>() -> T {
    let args: Vec<OsString> = std::env::args_os().collect();
    if !wants_french(&args) {
        return T::parse_from(args);
    }
    let mut command = translate(T::command());
    match command.try_get_matches_from_mut(&args) {
        Ok(matches) => T::from_arg_matches(&matches).unwrap_or_else(|e| e.exit()),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            e.exit()
        }
        Err(e) => {
            eprint!("{}", error(&e, &mut command));
            std::process::exit(2)
        }
    }
}

/// `--lang fr` (or `--lang=fr`) anywhere, else the locale.
fn wants_french(args: &[OsString]) -> bool {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    match lang.as_deref() {
        Some("fr") => true,
        Some(_) => false,
        None => MessageLang::from_env() == MessageLang::Fr,
    }
}

/// The French help of each command (`build`, `new partnership`) and flag
/// (`build --root`, `--lang` for the global ones), by path.
const HELP: &[(&str, &str)] = &[
    ("", "Construit un catalogue bilingue de partenariats internationaux"),
    ("--lang", "La langue des messages ; par défaut, le français si la langue du système (LANG) est le français"),
    ("--message-format", "Comment les problèmes sont écrits : pour les personnes (human) ou un objet JSON par ligne (json)"),
    ("build", "Construire le site dans le dossier de sortie (public/ par défaut)"),
    ("build --root", "Le dossier du site (qui contient site.yaml et content/)"),
    ("build --output", "Où écrire le site ; par défaut, `public/` dans le dossier du site"),
    ("build --base-url", "L'adresse où le site sera publié (remplace celle de site.yaml)"),
    ("build --drafts", "Inclure les partenariats marqués `draft: true`"),
    ("build --force", "Remplacer un dossier de sortie que passerelle n'a pas créé"),
    ("build --timings", "Afficher la durée de chaque étape"),
    ("build --strict", "Traiter les avertissements comme des erreurs (textes à remplacer, traductions manquantes…), pour l'intégration continue"),
    ("serve", "Prévisualiser le site : le construire en mémoire, le servir, le reconstruire à chaque modification"),
    ("serve --root", "Le dossier du site"),
    ("serve --port", "Le port ; 0 en choisit un libre (affiché)"),
    ("serve --bind", "L'adresse d'écoute ; par défaut, cet ordinateur seulement"),
    ("serve --open", "Ouvrir le site dans le navigateur"),
    ("serve --poll", "Surveiller les fichiers en les relisant régulièrement (lecteurs réseau, WSL)"),
    ("serve --drafts", "Inclure les partenariats marqués `draft: true`"),
    ("serve --edit", "Servir l'éditeur web à /admin/, qui enregistre dans les fichiers du site"),
    ("check", "Vérifier tout le site et signaler chaque problème ; ne rien écrire"),
    ("check --root", "Le dossier du site"),
    ("check --drafts", "Inclure les partenariats marqués `draft: true`"),
    ("check --translations", "Lister aussi, par langue, les éléments et les champs sans traduction"),
    ("check --external", "Interroger aussi chaque adresse externe du contenu (liens, vidéos, sites web) et signaler les mortes et les déplacées ; réponses gardées un jour"),
    ("check --strict", "Avec --external : signaler les adresses mortes ou déplacées comme des erreurs (code de sortie 1)"),
    ("check --timeout", "Avec --external : l'attente maximale pour une adresse, en secondes"),
    ("new", "Créer les fichiers d'un nouvel élément, chaque champ expliqué par un commentaire"),
    ("new partnership", "Un partenariat : `content/partnerships/CLÉ.<langue>.md`, un par langue"),
    ("new partnership KEY", "La clé du partenariat : minuscules, chiffres et tirets (`mobilite-helmo`)"),
    ("new partnership --root", "Le dossier du site"),
    ("new country", "Un pays : `content/countries/CODE.yaml`"),
    ("new country CODE", "Le code ISO 3166 du pays (`be`) ou de la région (`ca-qc`)"),
    ("new country --root", "Le dossier du site"),
    ("new institution", "Un établissement : `content/institutions/ID.yaml`"),
    ("new institution ID", "L'identifiant de l'établissement : minuscules, chiffres et tirets (`helmo`)"),
    ("new institution --root", "Le dossier du site"),
    ("new page", "Une page : `content/pages/CLÉ.<langue>.md`, une par langue"),
    ("new page KEY", "La clé de la page : minuscules, chiffres et tirets (`contact`)"),
    ("new page --root", "Le dossier du site"),
    ("init", "Créer un nouveau site dans DIR (un dossier nouveau ou vide), prêt à adapter"),
    ("init DIR", "Le dossier du nouveau site"),
    ("export", "Écrire chaque partenariat comme une ligne de tableur (classeur Excel ou CSV) ou un objet JSON"),
    ("export --root", "Le dossier du site"),
    ("export --format", "xlsx : un classeur Excel ; csv : une ligne par partenariat (UTF-8 avec BOM) ; json : les mêmes colonnes en objets. Par défaut : d'après l'extension du fichier de --output, sinon csv"),
    ("export --output", "Le fichier à écrire ; par défaut, la sortie standard"),
    ("export --delimiter", "Le caractère entre les cellules (`;` par défaut, `tab` pour une tabulation)"),
    ("import", "Créer ou mettre à jour des partenariats depuis un tableur (xlsx, ods, xls ou CSV), ou depuis les exports Erasmus+ et CORDIS, vérifiés comme par `build`"),
    ("import FILE", "Le tableur : un classeur Excel ou LibreOffice, un CSV (UTF-8 ou Windows-1252), ou un export Erasmus+ ou CORDIS tel que téléchargé"),
    ("import --root", "Le dossier du site"),
    ("import --dry-run", "Montrer ce qui serait créé ou modifié ; ne rien écrire"),
    ("import --force", "Remplacer les fichiers des partenariats qui existent déjà"),
    ("import --delimiter", "Le caractère entre les cellules ; par défaut, déduit de la ligne d'en-tête"),
    ("import --format", "Le genre de fichier ; par défaut, reconnu à sa ligne d'en-tête"),
    ("import --institution", "Erasmus+ et CORDIS : ne garder que les projets auxquels cette organisation participe"),
    ("import --add-themes", "Erasmus+ et CORDIS : les sujets qui ne correspondent à aucune thématique deviennent de nouvelles thématiques"),
    ("import --theme", "Erasmus+ et CORDIS : une thématique (son identifiant) donnée à chaque projet"),
];

/// The French help of `path`.
fn help(path: &str) -> Option<&'static str> {
    HELP.iter().find(|(p, _)| *p == path).map(|(_, h)| *h)
}

/// How an argument is named in [`HELP`]: `--root`, or `KEY` for a value.
fn arg_name(arg: &Arg) -> String {
    match arg.get_long() {
        Some(long) => format!("--{long}"),
        None => arg.get_id().as_str().to_uppercase(),
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// `command` with French help, headings and flags, recursively.
pub fn translate(command: Command) -> Command {
    translate_at(command, "").disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Afficher la version"),
    )
}

fn translate_at(mut command: Command, path: &str) -> Command {
    if let Some(about) = help(path) {
        command = command.about(about).long_about(None);
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = join(path, &name);
        command = command.mut_subcommand(&name, |s| translate_at(s, &sub_path));
    }
    let args: Vec<(clap::Id, String)> = command
        .get_arguments()
        .filter(|a| !a.is_global_set() || path.is_empty())
        .map(|a| (a.get_id().clone(), arg_name(a)))
        .collect();
    for (id, name) in args {
        let key = if name == "--lang" || name == "--message-format" {
            name.clone()
        } else {
            join(path, &name)
        };
        command = command.mut_arg(id, |a| translate_arg(a, help(&key)));
    }
    command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes")
        .next_help_heading("Options")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Afficher l'aide"),
        )
}

/// An argument's help in French, with its default and possible values
/// written in French rather than by clap.
fn translate_arg(arg: Arg, text: Option<&str>) -> Arg {
    let mut help = text.unwrap_or_default().to_string();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() {
        help.push_str(&format!(" [par défaut : {}]", defaults.join(", ")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && arg.get_action().takes_values() {
        help.push_str(&format!(" [valeurs possibles : {}]", values.join(", ")));
    }
    let heading = if arg_is_positional(&arg) {
        "Arguments"
    } else {
        "Options"
    };
    let takes_values = arg.get_action().takes_values();
    arg.help(help)
        .hide_default_value(takes_values)
        .hide_possible_values(takes_values)
        .help_heading(heading)
}

fn arg_is_positional(arg: &Arg) -> bool {
    arg.get_long().is_none() && arg.get_short().is_none()
}

/// A usage error in French: what was wrong, the suggestion clap found,
/// the usage line and where to learn more.
pub fn error(error: &clap::Error, command: &mut Command) -> String {
    let value = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = value(ContextKind::InvalidArg);
    let given = value(ContextKind::InvalidValue);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => format!("argument inattendu « {arg} »"),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »",
            value(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue => format!("valeur « {given} » invalide pour « {arg} »"),
        ErrorKind::ValueValidation => format!(
            "valeur « {given} » invalide pour « {arg} » : {}",
            std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("il manque l'argument obligatoire « {arg} »"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "il manque la commande".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "« {arg} » ne peut pas être utilisé avec « {} »",
            value(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => format!("valeur inattendue « {given} »"),
        ErrorKind::NoEquals | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour « {arg} »")
        }
        _ => "la ligne de commande est incorrecte".to_string(),
    };
    let mut out = format!("erreur : {message}\n");
    let valid = value(ContextKind::ValidValue);
    if !valid.is_empty() {
        out.push_str(&format!("  valeurs possibles : {valid}\n"));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let suggested = value(kind);
        if !suggested.is_empty() {
            out.push_str(&format!(
                "\n  astuce : vouliez-vous dire « {suggested} » ?\n"
            ));
        }
    }
    let usage = match error.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        _ => command.render_usage().to_string(),
    };
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    out.push_str(&format!(
        "\nUtilisation : {usage}\n\nPour en savoir plus, essayez « --help ».\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and flag path of `command`.
    fn paths(command: &Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        for arg in command.get_arguments() {
            let name = arg_name(arg);
            if ["--help", "--version"].contains(&name.as_str()) {
                continue;
            }
            if arg.is_global_set() && !path.is_empty() {
                continue;
            }
            out.push(join(path, &name));
        }
        for sub in command.get_subcommands() {
            paths(sub, &join(path, sub.get_name()), out);
        }
    }

    #[test]
    fn the_french_command_line_is_a_valid_one() {
        translate(crate::cli::Cli::command()).debug_assert();
        let mut help = translate(crate::cli::Cli::command());
        let shown = help.render_long_help().to_string();
        assert!(shown.contains("Utilisation : passerelle"), "{shown}");
        for english in [
            "Usage:",
            "Print help",
            "possible values",
            "default:",
            "Commands:",
        ] {
            assert!(!shown.contains(english), "`{english}` in:\n{shown}");
        }
    }

    #[test]
    fn every_command_and_flag_has_a_french_help_line() {
        let mut all = Vec::new();
        paths(&crate::cli::Cli::command(), "", &mut all);
        let missing: Vec<&String> = all.iter().filter(|p| help(p).is_none()).collect();
        assert!(missing.is_empty(), "no French help for {missing:?}");
        let unused: Vec<&str> = HELP
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| !all.iter().any(|a| a == p))
            .collect();
        assert!(unused.is_empty(), "French help for nothing: {unused:?}");
    }
}
