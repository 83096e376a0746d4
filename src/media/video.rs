//! Videos of YouTube and Vimeo: the address of their player, read from
//! the address an editor copies from the site. Pages show such a video as
//! a placeholder that loads the player only when the visitor asks for it,
//! so that no request reaches the platform before.

/// A video's player: the address of its embed and the platform's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// `https://www.youtube-nocookie.com/embed/<id>` or
    /// `https://player.vimeo.com/video/<id>`.
    pub src: String,
    /// `YouTube` or `Vimeo`, for "loads content from YouTube".
    pub host: &'static str,
}

/// The player of a YouTube or Vimeo video; `None` for any other address,
/// which pages show as a plain link.
pub fn embed(url: &str) -> Option<Embed> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
    let address = address.split('#').next().unwrap_or(address);
    let query = query.split('#').next().unwrap_or(query);
    let (host, path) = address.split_once('/').unwrap_or((address, ""));
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or(host.strip_prefix("m."))
        .unwrap_or(&host);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match host {
        "youtube.com" | "youtube-nocookie.com" => youtube(&segments, query),
        "youtu.be" => youtube_embed(segments.first()?),
        "vimeo.com" | "player.vimeo.com" => vimeo(&segments),
        _ => None,
    }
}

/// `watch?v=<id>`, `embed/<id>`, `shorts/<id>`, `live/<id>`.
fn youtube(segments: &[&str], query: &str) -> Option<Embed> {
    match segments {
        ["watch"] => {
            let id = query.split('&').find_map(|pair| pair.strip_prefix("v="))?;
            youtube_embed(id)
        }
        ["embed" | "shorts" | "live" | "v", id] => youtube_embed(id),
        _ => None,
    }
}

fn youtube_embed(id: &str) -> Option<Embed> {
    let valid = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then(|| Embed {
        src: format!("https://www.youtube-nocookie.com/embed/{id}"),
        host: "YouTube",
    })
}

/// `vimeo.com/<n>`, `vimeo.com/<n>/<hash>` (an unlisted video),
/// `vimeo.com/channels/<name>/<n>`, `player.vimeo.com/video/<n>`.
fn vimeo(segments: &[&str]) -> Option<Embed> {
    let numeric = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let at = segments.iter().position(numeric)?;
    let id = segments[at];
    let src = match segments.get(at + 1) {
        Some(h) if h.bytes().all(|b| b.is_ascii_hexdigit()) && segments.len() == at + 2 => {
            format!("https://player.vimeo.com/video/{id}?h={h}")
        }
        _ => format!("https://player.vimeo.com/video/{id}"),
    };
    let before_ok = matches!(
        segments[..at],
        [] | ["video"] | ["channels", _] | ["groups", _, "videos"]
    );
    before_ok.then_some(Embed { src, host: "Vimeo" })
}

#[cfg(test)]
mod tests {
    use super::embed;

    #[test]
    fn video_addresses() {
        let yt = |id: &str| Some(format!("https://www.youtube-nocookie.com/embed/{id}"));
        let vm = |id: &str| Some(format!("https://player.vimeo.com/video/{id}"));
        let cases = [
            (
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                yt("dQw4w9WgXcQ"),
            ),
            (
                "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
                yt("dQw4w9WgXcQ"),
            ),
            (
                "http://m.youtube.com/watch?v=dQw4w9WgXcQ#t=1",
                yt("dQw4w9WgXcQ"),
            ),
            ("https://youtu.be/dQw4w9WgXcQ?si=abc", yt("dQw4w9WgXcQ")),
            (
                "https://www.youtube.com/embed/dQw4w9WgXcQ",
                yt("dQw4w9WgXcQ"),
            ),
            (
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
                yt("dQw4w9WgXcQ"),
            ),
            (
                "https://www.youtube.com/shorts/dQw4w9WgXcQ",
                yt("dQw4w9WgXcQ"),
            ),
            (
                "https://WWW.YouTube.com/watch?v=dQw4w9WgXcQ",
                yt("dQw4w9WgXcQ"),
            ),
            ("https://vimeo.com/76979871", vm("76979871")),
            ("https://vimeo.com/76979871/", vm("76979871")),
            (
                "https://vimeo.com/76979871/8272103f6e",
                vm("76979871?h=8272103f6e"),
            ),
            (
                "https://vimeo.com/channels/staffpicks/76979871",
                vm("76979871"),
            ),
            ("https://player.vimeo.com/video/76979871", vm("76979871")),
            // Not a video of these platforms, or no id: a plain link.
            ("https://www.youtube.com/watch?v=short", None),
            ("https://www.youtube.com/@someone", None),
            ("https://www.youtube.com/playlist?list=PL123", None),
            ("https://youtu.be/", None),
            ("https://vimeo.com/user12345", None),
            ("https://vimeo.com/showcase/123", None),
            ("https://notyoutube.com/watch?v=dQw4w9WgXcQ", None),
            ("https://youtube.com.example.org/watch?v=dQw4w9WgXcQ", None),
            ("https://video.example.org/watch/42", None),
            ("ftp://youtube.com/watch?v=dQw4w9WgXcQ", None),
        ];
        for (url, expected) in cases {
            assert_eq!(embed(url).map(|e| e.src), expected, "{url}");
        }
        assert_eq!(
            embed("https://youtu.be/dQw4w9WgXcQ").unwrap().host,
            "YouTube"
        );
        assert_eq!(embed("https://vimeo.com/1").unwrap().host, "Vimeo");
    }
}
