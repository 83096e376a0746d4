//! The marker file that says a folder is passerelle's output: the list of
//! the files the last build wrote, each with its size, then the entries
//! put there by hand that the build kept, closed by a check sum of the
//! list. An empty or hand-made file is not a marker; a marker whose line
//! endings were converted (git's `autocrlf`) still is. The spare folder
//! beside the output has a mark of its own while a build updates it.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Component, Path};

/// The file that marks a folder as passerelle's output.
pub const MARKER: &str = ".passerelle-output";

const HEAD: &str = "This folder is written by `passerelle build`, which replaces it whole at every build.\nFiles put here by hand are kept. The files of the last build (size in bytes, path):\n";
/// The head of the markers written by passerelle 0.1: paths without sizes.
const LEGACY_HEAD: &str = "This folder is written by `passerelle build`, which updates it at every build.\nThe files of the last build:\n";
const CHECK: &str = "check ";
/// Opens the list of the entries put by hand (kind, path).
const HAND_HEAD: &str = "Put here by hand and kept (kind, path):";

/// The file that marks the spare folder while a build updates it.
pub const SPARE_MARK: &str = ".passerelle-spare";
const SPARE_HEAD: &str = "This folder is kept by `passerelle build` beside the output folder: it holds the build before the last one, and the next build is written into it.\n";

/// What an entry put into the output by hand is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    File,
    Folder,
    Link,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::File => "file",
            Kind::Folder => "folder",
            Kind::Link => "link",
        }
    }
}

/// A marker read back: the files of the last build with their sizes, and
/// the entries it kept that were put by hand (`None`: not listed, by a
/// version before 0.3 or a build that updated the folder in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub files: HashMap<String, u64>,
    pub hand: Option<Vec<(String, Kind)>>,
}

/// The text of the marker listing `files` (path → size) and the entries
/// put by hand, sorted by path.
pub fn marker_text(files: &HashMap<String, u64>, hand: Option<&[(String, Kind)]>) -> String {
    let mut list: Vec<(&String, &u64)> = files.iter().collect();
    list.sort_unstable();
    let mut text = String::with_capacity(HEAD.len() + list.len() * 48);
    text.push_str(HEAD);
    for (path, size) in list {
        // Written in place: a large site lists tens of thousands of files.
        let _ = writeln!(text, "{size}\t{path}");
    }
    if let Some(hand) = hand {
        let mut hand: Vec<&(String, Kind)> = hand.iter().collect();
        hand.sort_unstable();
        text.push_str(HAND_HEAD);
        text.push('\n');
        for (path, kind) in hand {
            text.push_str(&format!("{}\t{path}\n", kind.word()));
        }
    }
    sign(text)
}

fn sign(mut text: String) -> String {
    let sum = fnv1a(text.as_bytes());
    text.push_str(&format!("{CHECK}{sum:016x}\n"));
    text
}

/// The text of the spare folder's mark.
pub fn spare_mark_text() -> String {
    sign(SPARE_HEAD.to_string())
}

/// Whether `folder` holds the spare folder's mark (CRLF accepted).
pub fn has_spare_mark(folder: &Path) -> bool {
    fs::read(folder.join(SPARE_MARK))
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .is_some_and(|text| text.replace("\r\n", "\n") == spare_mark_text())
}

/// The files listed by the marker of `folder`, when it is one: the head,
/// lines of a size and a plain relative path (never `..`, never absolute),
/// the right check sum; and when the list is not empty, one of its files
/// at least is in the folder with its size (a marker copied alone into
/// another folder does not make it passerelle's).
pub fn read_marker(folder: &Path) -> Option<HashMap<String, u64>> {
    read_full(folder).map(|marker| marker.files)
}

/// The marker of `folder`, with the entries put by hand ([`read_marker`]).
pub fn read_full(folder: &Path) -> Option<Marker> {
    let bytes = fs::read(folder.join(MARKER)).ok()?;
    let text = String::from_utf8(bytes).ok()?.replace("\r\n", "\n");
    let (files, hand) = parse(&text)?;
    let present = files.is_empty()
        || files.iter().any(|(path, size)| match size {
            Some(size) => fs::symlink_metadata(folder.join(path))
                .is_ok_and(|m| m.is_file() && m.len() == *size),
            None => fs::symlink_metadata(folder.join(path)).is_ok_and(|m| m.is_file()),
        });
    present.then(|| Marker {
        files: files
            .into_iter()
            .map(|(path, size)| (path, size.unwrap_or(0)))
            .collect(),
        hand,
    })
}

type Parsed = (Vec<(String, Option<u64>)>, Option<Vec<(String, Kind)>>);

/// The listed files with their sizes (`None`: a legacy list, without),
/// and the entries put by hand when listed.
fn parse(text: &str) -> Option<Parsed> {
    if let Some(list) = text.strip_prefix(LEGACY_HEAD) {
        let files: Vec<_> = list.lines().map(|l| (l.to_string(), None)).collect();
        let valid = !files.is_empty() && files.iter().all(|(p, _)| plain(p));
        return valid.then_some((files, None));
    }
    let list = text.strip_prefix(HEAD)?;
    let (body, last) = list.strip_suffix('\n')?.rsplit_once(CHECK)?;
    let sum = u64::from_str_radix(last, 16).ok()?;
    let signed = &text[..HEAD.len() + body.len()];
    if last.len() != 16 || fnv1a(signed.as_bytes()) != sum {
        return None;
    }
    let (built, hand) = match body.split_once(&format!("{HAND_HEAD}\n")) {
        Some((built, hand)) => (built, Some(hand)),
        None => (body, None),
    };
    let files = built
        .lines()
        .map(|line| {
            let (size, path) = line.split_once('\t')?;
            let size = size.parse().ok()?;
            plain(path).then(|| (path.to_string(), Some(size)))
        })
        .collect::<Option<Vec<_>>>()?;
    let hand = match hand {
        Some(hand) => Some(hand.lines().map(hand_line).collect::<Option<Vec<_>>>()?),
        None => None,
    };
    Some((files, hand))
}

fn hand_line(line: &str) -> Option<(String, Kind)> {
    let (word, path) = line.split_once('\t')?;
    let kind = [Kind::File, Kind::Folder, Kind::Link]
        .into_iter()
        .find(|k| k.word() == word)?;
    plain(path).then(|| (path.to_string(), kind))
}

fn plain(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// FNV-1a, 64 bits: a check sum against damage and hand-made markers, not
/// a defence against a forger (who could write files anyway).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("passerelle-marker-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::write(dir.join("a/index.html"), "12345").unwrap();
        dir
    }

    #[test]
    fn a_marker_is_read_back_with_crlf_and_refused_when_forged() {
        let dir = folder("forged");
        let files =
            HashMap::from_iter([("a/index.html".to_string(), 5), ("b.json".to_string(), 9)]);
        let text = marker_text(&files, None);
        fs::write(dir.join(MARKER), &text).unwrap();
        assert_eq!(read_marker(&dir), Some(files.clone()));
        let hand = vec![
            ("CNAME".to_string(), Kind::File),
            (".well-known".to_string(), Kind::Folder),
            ("old".to_string(), Kind::Link),
        ];
        let with_hand = marker_text(&files, Some(&hand));
        fs::write(dir.join(MARKER), &with_hand).unwrap();
        let read = read_full(&dir).unwrap();
        assert_eq!(read.files, files);
        let mut listed = read.hand.unwrap();
        listed.sort();
        let mut hand = hand;
        hand.sort();
        assert_eq!(listed, hand);
        // Signed, but not a list of kinds and plain paths.
        let body = with_hand.rsplit_once(CHECK).unwrap().0;
        for bad in ["file\t../x", "piece\tCNAME", "folder"] {
            let forged = sign(body.replace("file\tCNAME", bad));
            fs::write(dir.join(MARKER), forged).unwrap();
            assert_eq!(read_full(&dir), None, "{bad}");
        }
        fs::write(dir.join(MARKER), text.replace('\n', "\r\n")).unwrap();
        assert_eq!(read_marker(&dir), Some(files));
        let forged = [
            String::new(),
            "This folder is written by passerelle build.\n".to_string(),
            text.replace("5\ta/index.html", "6\ta/index.html"),
            text.replace("a/index.html", "../index.html"),
            text.replace("\ncheck ", "\ncheck 0"),
            text.lines()
                .filter(|l| !l.starts_with(CHECK))
                .collect::<Vec<_>>()
                .join("\n"),
        ];
        for bad in forged {
            fs::write(dir.join(MARKER), &bad).unwrap();
            assert_eq!(read_marker(&dir), None, "{bad:?}");
        }
        // A true marker whose files are not there: copied into another folder.
        let other = HashMap::from_iter([("a/index.html".to_string(), 4)]);
        fs::write(dir.join(MARKER), marker_text(&other, None)).unwrap();
        assert_eq!(read_marker(&dir), None);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_legacy_list_is_read_when_its_files_are_there() {
        let dir = folder("legacy");
        fs::write(
            dir.join(MARKER),
            format!("{LEGACY_HEAD}a/index.html\nb.json\n"),
        )
        .unwrap();
        assert_eq!(read_marker(&dir).map(|f| f.len()), Some(2));
        for bad in ["../x", "/etc/passwd", "a/../../x", ""] {
            fs::write(
                dir.join(MARKER),
                format!("{LEGACY_HEAD}a/index.html\n{bad}\nb\n"),
            )
            .unwrap();
            assert_eq!(read_marker(&dir), None, "{bad}");
        }
        fs::write(dir.join(MARKER), format!("{LEGACY_HEAD}c.html\n")).unwrap();
        assert_eq!(read_marker(&dir), None);
        fs::remove_dir_all(&dir).unwrap();
    }
}
