//! Simple generated artwork: landscapes with a footbridge, and round
//! emblems, drawn pixel by pixel from a seed. The example site's pictures
//! and the benchmark corpus's covers are made with it, so that the
//! project publishes no photograph and depends on no picture it did not
//! make.

use image::{Rgb, RgbImage, Rgba, RgbaImage};

/// A few palettes: sky top, sky bottom, far hills, near hills, bridge.
const PALETTES: [[[u8; 3]; 5]; 6] = [
    [
        [38, 84, 124],
        [239, 202, 153],
        [96, 128, 116],
        [52, 94, 72],
        [40, 40, 48],
    ],
    [
        [22, 49, 99],
        [120, 170, 214],
        [70, 112, 150],
        [34, 72, 98],
        [236, 236, 230],
    ],
    [
        [120, 60, 90],
        [246, 180, 120],
        [150, 96, 104],
        [92, 56, 80],
        [30, 24, 40],
    ],
    [
        [60, 120, 160],
        [214, 234, 236],
        [120, 160, 110],
        [64, 120, 72],
        [170, 60, 40],
    ],
    [
        [44, 62, 80],
        [240, 160, 80],
        [110, 90, 80],
        [70, 56, 52],
        [250, 230, 200],
    ],
    [
        [90, 150, 190],
        [250, 246, 220],
        [170, 190, 120],
        [96, 140, 80],
        [60, 70, 90],
    ],
];

/// splitmix64, the corpus generator's own.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn lerp(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let c = |i: usize| (f32::from(a[i]) + (f32::from(b[i]) - f32::from(a[i])) * t).round() as u8;
    [c(0), c(1), c(2)]
}

/// A landscape of `width` × `height`: a sky, a sun, two rows of hills and
/// a footbridge across a river.
pub fn landscape(seed: u64, width: u32, height: u32) -> RgbImage {
    let r = mix(seed);
    let p = PALETTES[(r % PALETTES.len() as u64) as usize];
    let (w, h) = (width as f32, height as f32);
    let sun = (
        w * (0.15 + (mix(r) % 70) as f32 / 100.0),
        h * (0.18 + (mix(r + 1) % 20) as f32 / 100.0),
    );
    let sun_r = h * 0.09;
    let phase = (mix(r + 2) % 628) as f32 / 100.0;
    let freq = 1.5 + (mix(r + 3) % 30) as f32 / 10.0;
    let far = |x: f32| h * (0.55 + 0.07 * (x / w * freq * 3.0 + phase).sin());
    let near = |x: f32| h * (0.72 + 0.05 * (x / w * freq * 5.0 + phase * 2.0).cos());
    let river = (w * 0.5, w * 0.12);
    let deck = h * 0.7;
    RgbImage::from_fn(width, height, |x, y| {
        let (x, y) = (x as f32, y as f32);
        let mut c = lerp(p[0], p[1], y / h);
        let d = ((x - sun.0).powi(2) + (y - sun.1).powi(2)).sqrt();
        if d < sun_r {
            c = lerp(c, [255, 236, 190], 0.85);
        } else if d < sun_r * 1.6 {
            c = lerp(c, [255, 236, 190], 0.25 * (1.6 - d / sun_r) / 0.6);
        }
        if y > far(x) {
            c = lerp(p[2], p[3], ((y - far(x)) / h * 2.0).min(0.5));
        }
        let in_river = (x - river.0).abs() < river.1 + (y - deck) * 0.4;
        if y > near(x) {
            c = if in_river && y > deck {
                lerp(p[1], p[0], ((y - deck) / (h - deck)).min(1.0) * 0.6)
            } else {
                lerp(p[3], [20, 30, 25], ((y - near(x)) / h).min(0.4))
            };
        }
        // The footbridge: a deck, an arch under it and a few hangers.
        let span = river.1 * 2.2;
        let dx = (x - river.0) / span;
        if dx.abs() < 1.0 {
            let arch = deck + h * 0.09 * dx * dx - h * 0.02;
            let on_deck = (y - deck).abs() < h * 0.008;
            let on_arch = (y - arch).abs() < h * 0.006;
            let hanger = ((dx * 8.0).fract().abs() < 0.04) && y < arch && y > deck;
            if on_deck || on_arch || hanger {
                c = p[4];
            }
        }
        Rgb(c)
    })
}

/// A round emblem of `size` pixels on transparency: a coloured disc with
/// a ring, a horizon and a footbridge, like a school's badge.
pub fn emblem(seed: u64, size: u32) -> RgbaImage {
    let r = mix(seed);
    let p = PALETTES[(r % PALETTES.len() as u64) as usize];
    let s = size as f32;
    let c = s / 2.0;
    RgbaImage::from_fn(size, size, |x, y| {
        let (dx, dy) = (x as f32 + 0.5 - c, y as f32 + 0.5 - c);
        let d = (dx * dx + dy * dy).sqrt() / c;
        if d > 1.0 {
            return Rgba([0, 0, 0, 0]);
        }
        let [r0, g0, b0] = if d > 0.86 {
            p[0]
        } else if d > 0.8 {
            [255, 255, 255]
        } else if (dy - s * 0.1).abs() < s * 0.035
            || ((dy - (s * 0.1 - s * 0.22 * (1.0 - (dx / (s * 0.3)).powi(2)))).abs() < s * 0.03
                && dx.abs() < s * 0.3)
        {
            p[4]
        } else if dy > s * 0.1 {
            p[3]
        } else {
            p[1]
        };
        // The edge smoothed over one pixel.
        let alpha = ((1.0 - d) * c).clamp(0.0, 1.0);
        Rgba([r0, g0, b0, (alpha * 255.0) as u8])
    })
}

/// The default touch icon, `size` pixels square: the theme's accent colour
/// with a white footbridge, as in `static/favicon.svg`.
pub fn icon(size: u32) -> RgbImage {
    let s = size as f32 / 32.0;
    let accent = [11, 92, 140];
    let near = |d: f32, w: f32| d.abs() < w * s / 2.0;
    RgbImage::from_fn(size, size, |x, y| {
        let (x, y) = ((x as f32 + 0.5) / s, (y as f32 + 0.5) / s);
        let deck = (4.0..=28.0).contains(&x) && near((y - 19.0) * s, 2.2);
        // The arch: a parabola from (7, 19) to (25, 19), 6 high.
        let arch_y = 19.0 - 6.0 * (1.0 - ((x - 16.0) / 9.0).powi(2));
        let arch = (7.0..=25.0).contains(&x) && near((y - arch_y) * s, 2.2);
        let hanger = [10.0, 13.0, 16.0, 19.0, 22.0].iter().any(|&hx| {
            near((x - hx) * s, 2.2)
                && y < 19.0
                && y > 19.0 - 6.0 * (1.0 - ((hx - 16.0) / 9.0f32).powi(2))
        });
        let water = (4.0..=28.0).contains(&x) && near((y - 24.0) * s, 2.0);
        Rgb(if deck || arch || hanger {
            [255, 255, 255]
        } else if water {
            [156, 201, 230]
        } else {
            accent
        })
    })
}
