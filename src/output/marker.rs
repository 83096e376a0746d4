//! The marker file that says a folder is passerelle's output: the list of
//! the files the last build wrote, each with its size and the hash of its
//! bytes (a rebuild knows from it which files it need not read), then the entries
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

const HEAD: &str = "This folder is written by `passerelle build`, which replaces it whole at every build.\nFiles put here by hand are kept. The files of the last build (size in bytes, hash of the bytes, path):\n";
/// The head of the markers written by passerelle 0.3: sizes without hashes.
const SIZES_HEAD: &str = "This folder is written by `passerelle build`, which replaces it whole at every build.\nFiles put here by hand are kept. The files of the last build (size in bytes, path):\n";
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

/// A marker read back: the files of the last build with their sizes and
/// hashes, and the entries it kept that were put by hand (`None`: not
/// listed, by a version before 0.3 or a build that updated the folder in
/// place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub files: HashMap<String, Stamp>,
    pub hand: Option<Vec<(String, Kind)>>,
}

/// What a marker says of a file the build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub size: u64,
    /// The hash of its bytes ([`hash`]); `None` in older markers.
    pub hash: Option<u128>,
}

impl Stamp {
    /// The stamp of a file that holds `bytes`.
    pub fn of(bytes: &[u8]) -> Stamp {
        Stamp {
            size: bytes.len() as u64,
            hash: Some(hash(bytes)),
        }
    }
}

/// The hash of a file's bytes: XXH3, 128 bits. Two different pages of the
/// same size have no practical chance of sharing it, and it is read at
/// memory speed, faster than the file it spares reading.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The text of the marker listing `files` (path → stamp) and the entries
/// put by hand, sorted by path.
pub fn marker_text(files: &HashMap<String, Stamp>, hand: Option<&[(String, Kind)]>) -> String {
    close_listing(file_listing(files), hand)
}

/// The first part of a marker's text: the head and the files, sorted by
/// path (made while the entries put by hand are looked for).
pub fn file_listing(files: &HashMap<String, Stamp>) -> String {
    let mut list: Vec<(&String, &Stamp)> = files.iter().collect();
    list.sort_unstable();
    let mut text = String::with_capacity(HEAD.len() + list.len() * 80);
    text.push_str(HEAD);
    for (path, stamp) in list {
        // Written in place: a large site lists tens of thousands of files.
        let hash = stamp.hash.unwrap_or_default();
        let _ = writeln!(text, "{}\t{hash:032x}\t{path}", stamp.size);
    }
    text
}

/// The marker's text from its [`file_listing`] and the entries put by hand.
pub fn close_listing(mut text: String, hand: Option<&[(String, Kind)]>) -> String {
    if let Some(hand) = hand {
        let mut hand: Vec<&(String, Kind)> = hand.iter().collect();
        hand.sort_unstable();
        text.push_str(HAND_HEAD);
        text.push('\n');
        for (path, kind) in hand {
            text.push_str(&format!("{}\t{path}\n", kind.word()));
        }
    }
    let sum = check_sum(text.as_bytes(), true);
    sign(text, sum)
}

/// `text` closed by its check sum: XXH3 for the lists of files (read at
/// every build, they are long), FNV-1a for the spare folder's mark and the
/// lists of older versions.
fn sign(mut text: String, sum: u64) -> String {
    text.push_str(&format!("{CHECK}{sum:016x}\n"));
    text
}

/// The text of the spare folder's mark.
pub fn spare_mark_text() -> String {
    let text = SPARE_HEAD.to_string();
    let sum = check_sum(text.as_bytes(), false);
    sign(text, sum)
}

/// Whether `folder` holds the spare folder's mark (CRLF accepted).
pub fn has_spare_mark(folder: &Path) -> bool {
    read_text(&folder.join(SPARE_MARK)).is_some_and(|text| text == spare_mark_text())
}

/// The files listed by the marker of `folder`, when it is one: the head,
/// lines of a size and a plain relative path (never `..`, never absolute),
/// the right check sum; and when the list is not empty, one of its files
/// at least is in the folder with its size (a marker copied alone into
/// another folder does not make it passerelle's).
pub fn read_marker(folder: &Path) -> Option<HashMap<String, Stamp>> {
    read_full(folder).map(|marker| marker.files)
}

/// Whether `folder` holds a marker ([`read_marker`]), without keeping its
/// lists.
pub fn has_marker(folder: &Path) -> bool {
    let Some(text) = marker_file(folder) else {
        return false;
    };
    parse(&text).is_some_and(|(files, _)| present(folder, &files))
}

/// The marker of `folder`, with the entries put by hand ([`read_marker`]).
pub fn read_full(folder: &Path) -> Option<Marker> {
    let text = marker_file(folder)?;
    let (files, hand) = parse(&text)?;
    let unknown = Stamp {
        size: 0,
        hash: None,
    };
    present(folder, &files).then(|| Marker {
        files: files
            .into_iter()
            .map(|(path, stamp)| (path.to_string(), stamp.unwrap_or(unknown)))
            .collect(),
        hand: hand.map(|hand| {
            let owned = hand
                .into_iter()
                .map(|(path, kind)| (path.to_string(), kind));
            owned.collect()
        }),
    })
}

/// The text of the marker file of `folder`, its line endings made `\n`.
fn marker_file(folder: &Path) -> Option<String> {
    read_text(&folder.join(MARKER))
}

/// The text of the file at `path`, its line endings made `\n`.
fn read_text(path: &Path) -> Option<String> {
    let text = String::from_utf8(fs::read(path).ok()?).ok()?;
    Some(match text.contains('\r') {
        true => text.replace("\r\n", "\n"),
        false => text,
    })
}

/// Whether one of the listed files at least is in `folder`, with its size
/// when listed (or the list is empty).
fn present(folder: &Path, files: &[(&str, Option<Stamp>)]) -> bool {
    files.is_empty()
        || files.iter().any(|(path, stamp)| {
            let meta = fs::symlink_metadata(folder.join(path));
            meta.is_ok_and(|m| m.is_file() && stamp.is_none_or(|s| m.len() == s.size))
        })
}

type Parsed<'t> = (Vec<(&'t str, Option<Stamp>)>, Option<Vec<(&'t str, Kind)>>);

/// The listed files with their stamps (`None`: a legacy list, without),
/// and the entries put by hand when listed.
fn parse(text: &str) -> Option<Parsed<'_>> {
    if let Some(list) = text.strip_prefix(LEGACY_HEAD) {
        let files: Vec<_> = list.lines().map(|l| (l, None)).collect();
        let valid = !files.is_empty() && files.iter().all(|(p, _)| plain(p));
        return valid.then_some((files, None));
    }
    let (head, hashed) = match text.starts_with(HEAD) {
        true => (HEAD, true),
        false => (SIZES_HEAD, false),
    };
    let list = text.strip_prefix(head)?;
    let (body, last) = list.strip_suffix('\n')?.rsplit_once(CHECK)?;
    let sum = u64::from_str_radix(last, 16).ok()?;
    let signed = &text.as_bytes()[..head.len() + body.len()];
    if last.len() != 16 || check_sum(signed, hashed) != sum {
        return None;
    }
    let (built, hand) = match body.split_once(&format!("{HAND_HEAD}\n")) {
        Some((built, hand)) => (built, Some(hand)),
        None => (body, None),
    };
    let files = built
        .lines()
        .map(|line| {
            let (size, rest) = line.split_once('\t')?;
            let size = size.parse().ok()?;
            let (hash, path) = match hashed {
                true => {
                    let (hash, path) = rest.split_once('\t')?;
                    (Some(hex_hash(hash)?), path)
                }
                false => (None, rest),
            };
            plain(path).then_some((path, Some(Stamp { size, hash })))
        })
        .collect::<Option<Vec<_>>>()?;
    let hand = match hand {
        Some(hand) => Some(hand.lines().map(hand_line).collect::<Option<Vec<_>>>()?),
        None => None,
    };
    Some((files, hand))
}

/// A hash written as 32 hexadecimal digits (and nothing else: no sign).
fn hex_hash(hex: &str) -> Option<u128> {
    if hex.len() != 32 {
        return None;
    }
    hex.bytes().try_fold(0u128, |hash, b| {
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => return None,
        };
        Some(hash << 4 | u128::from(digit))
    })
}

fn hand_line(line: &str) -> Option<(&str, Kind)> {
    let (word, path) = line.split_once('\t')?;
    let kind = [Kind::File, Kind::Folder, Kind::Link]
        .into_iter()
        .find(|k| k.word() == word)?;
    plain(path).then_some((path, kind))
}

/// Whether `path` is a plain relative path: names between single slashes,
/// none of them `.` or `..`. (Read on every line of a marker: words, not
/// the platform's path parser, on Unix.)
fn plain(path: &str) -> bool {
    if cfg!(unix) {
        return !path.is_empty() && path.split('/').all(|name| !matches!(name, "" | "." | ".."));
    }
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The check sum of a list of files: XXH3-64 for those with hashes,
/// FNV-1a for those of older versions.
fn check_sum(bytes: &[u8], hashed: bool) -> u64 {
    match hashed {
        true => xxhash_rust::xxh3::xxh3_64(bytes),
        false => fnv1a(bytes),
    }
}

/// FNV-1a, 64 bits: a check sum against damage and hand-made markers (like
/// XXH3 for the new lists), not a defence against a forger (who could
/// write files anyway).
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
        let files = HashMap::from_iter([
            ("a/index.html".to_string(), Stamp::of(b"12345")),
            ("b.json".to_string(), Stamp::of(b"{\"a\": 1}")),
        ]);
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
            let forged = body.replace("file\tCNAME", bad);
            let sum = check_sum(forged.as_bytes(), true);
            let forged = sign(forged, sum);
            fs::write(dir.join(MARKER), forged).unwrap();
            assert_eq!(read_full(&dir), None, "{bad}");
        }
        fs::write(dir.join(MARKER), text.replace('\n', "\r\n")).unwrap();
        assert_eq!(read_marker(&dir), Some(files));
        let forged = [
            String::new(),
            "This folder is written by passerelle build.\n".to_string(),
            text.replace("5\t", "6\t"),
            text.replace(&format!("{:032x}", hash(b"12345")), &format!("{:031x}", 7)),
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
        let other = HashMap::from_iter([("a/index.html".to_string(), Stamp::of(b"1234"))]);
        fs::write(dir.join(MARKER), marker_text(&other, None)).unwrap();
        assert_eq!(read_marker(&dir), None);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashes_are_read_as_32_hexadecimal_digits() {
        let h = hash(b"12345");
        assert_eq!(hex_hash(&format!("{h:032x}")), Some(h));
        assert_eq!(hex_hash(&format!("{h:032X}")), Some(h));
        assert_eq!(hex_hash(&format!("{:032x}", u128::MAX)), Some(u128::MAX));
        for bad in [
            "+0000000000000000000000000000001",
            "0".repeat(31).as_str(),
            "0".repeat(33).as_str(),
            "000000000000000000000000000000g1",
        ] {
            assert_eq!(hex_hash(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_marker_of_sizes_without_hashes_is_read() {
        let dir = folder("sizes");
        let text = format!("{SIZES_HEAD}5\ta/index.html\n");
        let sum = check_sum(text.as_bytes(), false);
        fs::write(dir.join(MARKER), sign(text, sum)).unwrap();
        let files = read_marker(&dir).unwrap();
        let stamp = Stamp {
            size: 5,
            hash: None,
        };
        assert_eq!(
            files,
            HashMap::from_iter([("a/index.html".to_string(), stamp)])
        );
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
