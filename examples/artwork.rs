//! Draws the example site's pictures (covers and institution emblems)
//! into `content/media/` of the site at the given root, and the default
//! theme's touch icon when the root is the project's (the example site):
//!
//! ```sh
//! cargo run --example artwork -- .
//! ```
//!
//! The pictures are generated (see `common/artwork.rs`), so the project
//! may publish them; the same run always writes the same bytes.

#[path = "common/artwork.rs"]
mod artwork;

use std::path::PathBuf;
use std::process::ExitCode;

/// (file, seed): covers 1200 × 800 in JPEG, one in PNG to show WebP.
const COVERS: [(&str, u64); 4] = [
    ("photos/liege-passerelle.jpg", 3),
    ("photos/quebec-fleuve.jpg", 1),
    ("photos/parme-collines.jpg", 5),
    ("photos/agadir-cote.png", 4),
];

/// (file, seed): emblems of 256 pixels in PNG.
const EMBLEMS: [(&str, u64); 2] = [("logos/irts-hdf.png", 2), ("logos/helmo.png", 3)];

fn main() -> ExitCode {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let media = root.join("content/media");
    let mut written = 0;
    let mut write = |file: &str, bytes: Vec<u8>| -> std::io::Result<()> {
        let path = media.join(file);
        std::fs::create_dir_all(path.parent().unwrap_or(&media))?;
        std::fs::write(&path, bytes)?;
        written += 1;
        Ok(())
    };
    let result = (|| -> Result<(), Box<dyn std::error::Error>> {
        for (file, seed) in COVERS {
            let picture = artwork::landscape(seed, 1200, 800);
            let mut bytes = Vec::new();
            if file.ends_with(".png") {
                picture.write_to(
                    &mut std::io::Cursor::new(&mut bytes),
                    image::ImageFormat::Png,
                )?;
            } else {
                let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 78);
                picture.write_with_encoder(encoder)?;
            }
            write(file, bytes)?;
        }
        for (file, seed) in EMBLEMS {
            let mut bytes = Vec::new();
            let emblem = artwork::emblem(seed, 256);
            emblem.write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )?;
            write(file, bytes)?;
        }
        let theme = root.join("themes/default/static");
        if theme.is_dir() {
            let mut bytes = Vec::new();
            artwork::icon(180).write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )?;
            std::fs::write(theme.join("touch-icon.png"), bytes)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            println!("wrote {written} pictures into {}", media.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
