//! PNG, JPEG and WebP logos, flags and photos, resized to the theme's
//! box or widths.
//!
//! Each file is kept in its own format (a WebP stays WebP), resized with
//! a Lanczos filter over premultiplied alpha (so that transparent edges do
//! not darken), never enlarged. Encoders are deterministic: the same source
//! gives the same bytes on every machine, with or without the cache.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use super::cache::Cache;
use super::index::{Bytes, Entry, Index, Stamp, Variant};
use super::picture::PHOTO_WIDTHS;
use super::picture::{media_path, Candidate, Held, Made, Picture, Problem, Remake, Resized, Role};
use crate::output;

/// The largest image side a build decodes; anything larger is refused
/// rather than risking the memory of a decompression bomb.
const MAX_SIDE: u32 = 12_000;

/// JPEG quality of the resized files: visually lossless for logos.
const JPEG_QUALITY: u8 = 88;

/// A raster image prepared: the picture and its files, and what the
/// index keeps of it for the next build.
pub(super) struct Prepared {
    pub made: Made,
    pub entry: Entry,
}

/// The picture of the raster image `file` (at `path`) shown as `role`, and
/// its resized files: from the index and the cache when they know the
/// file as it is now (nothing of the source is read then), else made.
pub(super) fn prepare(
    file: &str,
    path: &Path,
    role: Role,
    cache: &Cache,
    index: &Index,
) -> Result<Prepared, Problem> {
    let stamp = Stamp::of(path).ok_or(Problem::Missing)?;
    let key = Index::key(role.name(), file);
    if let Some(entry) = index.get(&key, stamp) {
        // A file whose length and hash the index gives is not read (the
        // output may have it already): the cache's file of that length
        // is checked when it is read. Older entries' files are read.
        let mut read = |v: &Variant| match v.bytes {
            Some(known) => {
                let format = match v.cache_name.ends_with(".webp") {
                    true => Some(ImageFormat::WebP),
                    false => None,
                };
                let remake = Remake {
                    source: path.to_path_buf(),
                    size: (v.width, v.height),
                    format,
                    cache: cache.clone(),
                    cache_name: v.cache_name.clone(),
                };
                let file = cache.known(&v.cache_name, known.stamp())?;
                Some(Resized {
                    stamp: known.stamp(),
                    held: Held::Cached(file, remake),
                })
            }
            None => cached(cache, &v.cache_name, (v.width, v.height)).map(Resized::made),
        };
        if let Some(made) = from_entry(file, role, entry, &mut read) {
            let entry = measured(entry.clone(), &made);
            return Ok(Prepared { made, entry });
        }
    }
    let bytes = std::fs::read(path).map_err(|e| Problem::Unreadable(e.to_string()))?;
    let (entry, mut files) = make(file, &bytes, stamp, role, cache)?;
    let mut read = |v: &Variant| files.remove(&v.cache_name).map(Resized::made);
    let made = from_entry(file, role, &entry, &mut read)
        .ok_or_else(|| Problem::Unreadable("a resized file went missing".to_string()))?;
    let entry = measured(entry, &made);
    Ok(Prepared { made, entry })
}

/// `entry` with the length and hash of each of its files, `made` from it.
fn measured(mut entry: Entry, made: &Made) -> Entry {
    let variants = entry.variants.iter_mut().chain(&mut entry.webp);
    for (variant, (_, file)) in variants.zip(&made.files) {
        variant.bytes = Bytes::of(file.stamp);
    }
    entry
}

impl Remake {
    /// The file made again, and kept in the cache; `None` when the source
    /// can no longer be read.
    pub(super) fn run(&self) -> Option<Vec<u8>> {
        let bytes = std::fs::read(&self.source).ok()?;
        let source = format_of(&bytes).ok()?;
        let format = self.format.unwrap_or(source);
        let made = if format == source && dimensions(&bytes, source).ok()? == self.size {
            bytes
        } else {
            encode(&resize(&decode(&bytes, source).ok()?, self.size), format).ok()?
        };
        self.cache.put(&self.cache_name, &made);
        Some(made)
    }
}

impl Resized {
    pub(super) fn made(bytes: Vec<u8>) -> Resized {
        Resized {
            stamp: output::Stamp::of(&bytes),
            held: Held::Made(bytes),
        }
    }

    /// Its bytes: from the cache when they are those measured, else made
    /// again; `None` when the source can no longer be read either.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        let (path, remake) = match &self.held {
            Held::Made(bytes) => return Some(bytes.clone()),
            Held::Cached(path, remake) => (path, remake),
        };
        match std::fs::read(path) {
            Ok(bytes) if output::Stamp::of(&bytes) == self.stamp => Some(bytes),
            _ => remake.run(),
        }
    }
}

/// The cached file `name`, when it is an image of `size`.
fn cached(cache: &Cache, name: &str, size: (u32, u32)) -> Option<Vec<u8>> {
    let bytes = cache.get(name)?;
    let format = format_of(&bytes).ok()?;
    (dimensions(&bytes, format).ok() == Some(size)).then_some(bytes)
}

/// The picture and files an index entry describes, each file from `read`
/// (in the order of the entry's variants, then its WebP ones); `None`
/// when one of them is missing.
fn from_entry(
    file: &str,
    role: Role,
    entry: &Entry,
    read: &mut dyn FnMut(&Variant) -> Option<Resized>,
) -> Option<Made> {
    let mut files = Vec::new();
    let mut names = |variants: &[Variant], ext: &str| -> Option<Vec<(String, u32, u32)>> {
        let mut out = Vec::new();
        for v in variants {
            let bytes = read(v)?;
            let name = variant_path(file, entry.hash, (v.width, v.height), ext);
            files.push((name.clone(), bytes));
            out.push((name, v.width, v.height));
        }
        Some(out)
    };
    let plain = names(&entry.variants, &entry.ext)?;
    let webp = names(&entry.webp, "webp")?;
    let first = plain.first()?;
    let picture = if role == Role::Photo {
        let srcset = |list: &[(String, u32, u32)]| -> Vec<Candidate> {
            let each = list.iter().map(|(n, w, _)| Candidate {
                src: n.clone(),
                w: *w,
            });
            each.collect()
        };
        // The fallback `src`: the text column's width, or the largest below.
        let middle = plain
            .iter()
            .rfind(|(_, w, _)| *w <= PHOTO_WIDTHS[1])
            .unwrap_or(first);
        let largest = plain.last().unwrap_or(first);
        Picture {
            src: middle.0.clone(),
            src_2x: None,
            width: Some(largest.1),
            height: Some(largest.2),
            srcset: srcset(&plain),
            webp_srcset: srcset(&webp),
        }
    } else {
        Picture {
            src: first.0.clone(),
            src_2x: plain.get(1).map(|v| v.0.clone()),
            width: Some(first.1),
            height: Some(first.2),
            srcset: Vec::new(),
            webp_srcset: Vec::new(),
        }
    };
    Some(Made { picture, files })
}

/// Measures `bytes`, makes every size `role` needs (those the cache holds
/// already are not made again) and keeps them in the cache. Returns the
/// entry and the files by cache name.
fn make(
    file: &str,
    bytes: &[u8],
    stamp: Stamp,
    role: Role,
    cache: &Cache,
) -> Result<(Entry, HashMap<String, Vec<u8>>), Problem> {
    let format = format_of(bytes)?;
    complete(bytes, format)?;
    let source = dimensions(bytes, format)?;
    let hash = hash(bytes);
    let ext = extension(file, format);
    let sizes = sizes(source, role);
    let cache_name = |(w, h): (u32, u32), ext: &str| format!("{hash:016x}-{w}x{h}.{ext}");
    let mut files = HashMap::new();
    // WebP beside a PNG photo, when smaller (a JPEG photo would only grow
    // in lossless WebP, the one `image` writes).
    let with_webp = role == Role::Photo && format == ImageFormat::Png;
    let mut image = None;
    let mut decoded = || -> Result<DynamicImage, Problem> {
        if image.is_none() {
            image = Some(decode(bytes, format)?);
        }
        Ok(image.clone().unwrap_or_default())
    };
    let mut variants = Vec::new();
    let (mut plain_bytes, mut webp_bytes) = (0, 0);
    let mut webp = Vec::new();
    for &size in &sizes {
        let made = match cached(cache, &cache_name(size, &ext), size) {
            Some(made) => made,
            None => {
                let made = if size == source {
                    // Decoded whole once: that is what finds a damaged file.
                    decoded()?;
                    bytes.to_vec()
                } else {
                    encode(&resize(&decoded()?, size), format)?
                };
                cache.put(&cache_name(size, &ext), &made);
                made
            }
        };
        plain_bytes += made.len();
        files.insert(cache_name(size, &ext), made);
        variants.push(Variant::new(cache_name(size, &ext), size));
        if with_webp {
            let made = match cached(cache, &cache_name(size, "webp"), size) {
                Some(made) => made,
                None => {
                    let made = encode(&resize(&decoded()?, size), ImageFormat::WebP)?;
                    cache.put(&cache_name(size, "webp"), &made);
                    made
                }
            };
            webp_bytes += made.len();
            files.insert(cache_name(size, "webp"), made);
            webp.push(Variant::new(cache_name(size, "webp"), size));
        }
    }
    if webp_bytes >= plain_bytes {
        webp.clear();
    }
    let entry = Entry {
        stamp,
        hash,
        ext,
        variants,
        webp,
        source: Bytes::of(output::Stamp::of(bytes)),
    };
    Ok((entry, files))
}

/// The sizes to make: for a logo or a flag, the box at 1×, then at 2× when
/// the source is larger than the first; for a photo, each of
/// [`PHOTO_WIDTHS`] below the source's width, then the source's width when
/// it is below the largest. Never larger than the source.
pub(super) fn sizes(source: (u32, u32), role: Role) -> Vec<(u32, u32)> {
    if role == Role::Photo {
        let mut sizes: Vec<(u32, u32)> = PHOTO_WIDTHS
            .iter()
            .map(|&w| fit(source, (w, u32::MAX), false))
            .collect();
        sizes.dedup();
        return sizes;
    }
    if role == Role::Icon {
        let mut sizes = vec![fit(source, (32, 32), false), fit(source, (180, 180), false)];
        sizes.dedup();
        return sizes;
    }
    let (bw, bh) = role.size();
    let one = fit(source, (bw, bh), false);
    let two = fit(source, (bw * 2, bh * 2), false);
    if two == one {
        vec![one]
    } else {
        vec![one, two]
    }
}

/// `size` scaled to fit in `frame`, keeping its proportions (rounded to
/// the nearest pixel, at least one); enlarged only when `enlarge`.
pub(super) fn fit(size: (u32, u32), frame: (u32, u32), enlarge: bool) -> (u32, u32) {
    let (w, h) = (u64::from(size.0.max(1)), u64::from(size.1.max(1)));
    let (fw, fh) = (u64::from(frame.0), u64::from(frame.1));
    if !enlarge && w <= fw && h <= fh {
        return (w as u32, h as u32);
    }
    let scaled = if w * fh >= h * fw {
        (fw, ((h * fw + w / 2) / w).max(1))
    } else {
        (((w * fh + h / 2) / h).max(1), fh)
    };
    (scaled.0 as u32, scaled.1 as u32)
}

/// FNV-1a, 64 bits: stable across Rust versions and machines, which the
/// standard library's hasher does not promise, and enough to tell apart
/// the images of a site.
pub(super) fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `media/<dir>/<stem>-<hash8>-<w>x<h>.<ext>`.
fn variant_path(file: &str, hash: u64, (w, h): (u32, u32), ext: &str) -> String {
    let path = Path::new(file);
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let hash8 = &format!("{hash:016x}")[..8];
    let name = format!("{stem}-{hash8}-{w}x{h}.{ext}");
    media_path(&path.with_file_name(name).to_string_lossy())
}

/// The file's own extension when it fits its format, else the format's.
fn extension(file: &str, format: ImageFormat) -> String {
    let own = Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if format.extensions_str().contains(&own.as_str()) {
        own
    } else {
        format.extensions_str()[0].to_string()
    }
}

/// The format the bytes are in, from their first bytes (not the name).
fn format_of(bytes: &[u8]) -> Result<ImageFormat, Problem> {
    match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => Ok(f),
        Ok(other) => Err(Problem::Unsupported(format!("{other:?}").to_uppercase())),
        Err(_) => Err(Problem::Corrupt(
            "this is not a PNG, JPEG or WebP image".to_string(),
        )),
    }
}

/// Refuses a file that ends before its image does (a download or a copy
/// cut short): decoders fill the missing part with grey without a word.
/// A JPEG ends with its end marker, a PNG with its `IEND` chunk, a WebP
/// holds the length its header says.
fn complete(bytes: &[u8], format: ImageFormat) -> Result<(), Problem> {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    let whole = match format {
        ImageFormat::Jpeg => tail.windows(2).any(|w| w == [0xFF, 0xD9]),
        ImageFormat::Png => tail.windows(4).any(|w| w == b"IEND"),
        ImageFormat::WebP => bytes.get(4..8).is_some_and(|n| {
            let said = u32::from_le_bytes([n[0], n[1], n[2], n[3]]);
            bytes.len() as u64 >= u64::from(said) + 8
        }),
        _ => true,
    };
    match whole {
        true => Ok(()),
        false => Err(Problem::Truncated),
    }
}

fn reader(bytes: &[u8], format: ImageFormat) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    reader
}

/// The size written in the file's header.
fn dimensions(bytes: &[u8], format: ImageFormat) -> Result<(u32, u32), Problem> {
    let header = ImageReader::with_format(Cursor::new(bytes), format).into_dimensions();
    match header {
        Ok((w, h)) if w > MAX_SIDE || h > MAX_SIDE => Err(Problem::TooLarge(w, h)),
        Ok((0, _) | (_, 0)) => Err(Problem::Corrupt("the image is empty".to_string())),
        Ok(size) => Ok(size),
        Err(e) => Err(Problem::Corrupt(e.to_string())),
    }
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, Problem> {
    reader(bytes, format)
        .decode()
        .map_err(|e| Problem::Corrupt(e.to_string()))
}

/// The image at `size`; with alpha, resized premultiplied.
fn resize(image: &DynamicImage, (w, h): (u32, u32)) -> DynamicImage {
    if !image.color().has_alpha() {
        return image.resize_exact(w, h, FilterType::Lanczos3);
    }
    let mut rgba = image.to_rgba8();
    for p in rgba.pixels_mut() {
        let a = u16::from(p[3]);
        for c in &mut p.0[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
    let mut out = image::imageops::resize(&rgba, w, h, FilterType::Lanczos3);
    for p in out.pixels_mut() {
        let a = u16::from(p[3]);
        for c in &mut p.0[..3] {
            let straight = (u16::from(*c) * 255 + a / 2).checked_div(a);
            *c = straight.map_or(0, |v| v.min(255) as u8);
        }
    }
    DynamicImage::ImageRgba8(out)
}

/// The image in `format`: PNG at its best compression, JPEG without alpha, WebP lossless
/// (the encoder `image` has; a logo's flat colours compress well so).
fn encode(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    let written = match format {
        ImageFormat::Jpeg => {
            let encoder = JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
            match image {
                DynamicImage::ImageLuma8(_) => image.write_with_encoder(encoder),
                _ => DynamicImage::ImageRgb8(image.to_rgb8()).write_with_encoder(encoder),
            }
        }
        ImageFormat::WebP => {
            let encoder = WebPEncoder::new_lossless(&mut bytes);
            if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8()).write_with_encoder(encoder)
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8()).write_with_encoder(encoder)
            }
        }
        _ => {
            // The best compression, paid once: the file is cached.
            let encoder = PngEncoder::new_with_quality(
                &mut bytes,
                CompressionType::Best,
                PngFilter::Adaptive,
            );
            image.write_with_encoder(encoder)
        }
    };
    written.map_err(|e| Problem::Corrupt(e.to_string()))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_fit_the_box_and_never_enlarge() {
        let cases = [
            // (source, role, expected)
            ((1000, 500), Role::Logo, vec![(160, 80), (320, 160)]),
            ((400, 400), Role::Logo, vec![(80, 80), (160, 160)]),
            ((200, 50), Role::Logo, vec![(160, 40), (200, 50)]),
            ((100, 40), Role::Logo, vec![(100, 40)]),
            ((900, 600), Role::Flag, vec![(32, 21), (64, 43)]),
            ((640, 480), Role::Flag, vec![(32, 24), (64, 48)]),
            ((20, 15), Role::Flag, vec![(20, 15)]),
            ((5000, 1), Role::Logo, vec![(160, 1), (320, 1)]),
            (
                (1600, 1000),
                Role::Photo,
                vec![(400, 250), (800, 500), (1200, 750)],
            ),
            (
                (1000, 500),
                Role::Photo,
                vec![(400, 200), (800, 400), (1000, 500)],
            ),
            ((600, 400), Role::Photo, vec![(400, 267), (600, 400)]),
            ((300, 200), Role::Photo, vec![(300, 200)]),
            ((512, 512), Role::Icon, vec![(32, 32), (180, 180)]),
            ((20, 10), Role::Icon, vec![(20, 10)]),
        ];
        for (source, role, expected) in cases {
            assert_eq!(sizes(source, role), expected, "{source:?} as {role:?}");
        }
    }

    #[test]
    fn fit_may_enlarge_when_asked() {
        assert_eq!(fit((10, 5), (160, 80), true), (160, 80));
        assert_eq!(fit((10, 5), (160, 80), false), (10, 5));
        assert_eq!(fit((0, 0), (32, 24), true), (24, 24));
    }

    #[test]
    fn names_carry_the_hash_and_the_size() {
        let h = hash(b"abc");
        assert_eq!(h, 0xe71f_a219_0541_574b);
        assert_eq!(
            variant_path("logos/helmo.PNG", h, (160, 80), "png"),
            "media/logos/helmo-e71fa219-160x80.png"
        );
        assert_eq!(extension("a.JPEG", ImageFormat::Jpeg), "jpeg");
        assert_eq!(extension("a.png", ImageFormat::Jpeg), "jpg");
    }
}
