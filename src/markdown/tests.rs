use super::*;

fn md(source: &str) -> Markdown {
    Markdown::new(
        source.into(),
        PathBuf::from("content/partnerships/a.fr.md"),
        10,
    )
}

fn resolve(link: &ItemRef) -> Option<String> {
    (link.section == Section::Countries && link.id == "be")
        .then(|| "../../pays/belgique/".to_string())
}

#[test]
fn internal_links_are_resolved_or_reported() {
    let mut diags = Vec::new();
    let options = MarkdownOptions {
        raw_html: false,
        media: None,
    };
    let html = render(
        &md("Voir [la Belgique](@/countries/be).\n\nEt [rien](@/countries/zz)."),
        &options,
        &resolve,
        &mut diags,
    );
    assert!(
        html.contains(r#"<a href="../../pays/belgique/">la Belgique</a>"#),
        "{html}"
    );
    assert_eq!(diags.len(), 1);
    assert_eq!((diags[0].line, diags[0].column), (12, 11));
    assert!(diags[0].message.en.contains("@/countries/zz"));
}

#[test]
fn raw_html_and_script_links_stay_out() {
    let mut diags = Vec::new();
    let options = MarkdownOptions {
        raw_html: false,
        media: None,
    };
    let html = render(
        &md("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>bold</b>\n"),
        &options,
        &resolve,
        &mut diags,
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 1);
    assert_eq!(diags.iter().filter(|d| !d.is_error()).count(), 1);
}

#[test]
fn french_section_names_suggest_the_link_to_write() {
    let cases = [
        ("[x](@/pays/be)", "did you mean `@/countries/be`?"),
        (
            "[x](@/partenariats/dlis)",
            "did you mean `@/partnerships/dlis`?",
        ),
        ("[x](@/thematiques/youth)", "did you mean `@/themes/youth`?"),
    ];
    for (source, hint) in cases {
        let mut diags = Vec::new();
        render(
            &md(source),
            &MarkdownOptions {
                raw_html: false,
                media: None,
            },
            &resolve,
            &mut diags,
        );
        assert_eq!(diags.len(), 1, "{source}");
        assert_eq!(
            diags[0].hint.as_ref().map(|h| h.en.as_str()),
            Some(hint),
            "{source}"
        );
    }
}

#[test]
fn script_and_data_image_addresses_are_refused() {
    let mut diags = Vec::new();
    let options = MarkdownOptions {
        raw_html: false,
        media: None,
    };
    let html = render(
        &md("![a](javascript:alert(1)) ![b](data:text/html,x) ![c](https://example.org/c.png)\n"),
        &options,
        &resolve,
        &mut diags,
    );
    assert!(
        !html.contains("javascript:") && !html.contains("data:"),
        "{html}"
    );
    assert!(
        html.contains(r#"src="https://example.org/c.png""#),
        "{html}"
    );
    assert_eq!(diags.iter().filter(|d| d.is_error()).count(), 2);
}

#[test]
fn body_headings_start_at_h2() {
    let html = render(
        &md("# Objectifs\n"),
        &MarkdownOptions {
            raw_html: false,
            media: None,
        },
        &resolve,
        &mut Vec::new(),
    );
    assert_eq!(html.trim(), "<h2>Objectifs</h2>");
}

#[test]
fn body_headings_skip_no_level() {
    let cases = [
        ("### A\n### B\n", "h2 h2"),
        ("# A\n## B\n### C\n## D\n", "h2 h3 h4 h3"),
        ("## A\n#### B\n### C\n# D\n", "h2 h3 h3 h2"),
        ("### A\n# B\n### C\n", "h2 h2 h3"),
        (
            "# A\n## B\n### C\n#### D\n##### E\n###### F\n",
            "h2 h3 h4 h5 h6 h6",
        ),
    ];
    for (source, levels) in cases {
        let html = render(
            &md(source),
            &MarkdownOptions {
                raw_html: false,
                media: None,
            },
            &resolve,
            &mut Vec::new(),
        );
        let found: Vec<&str> = html
            .match_indices("<h")
            .map(|(i, _)| &html[i + 1..i + 3])
            .collect();
        assert_eq!(found.join(" "), levels, "{source:?} gave {html}");
    }
}

#[test]
fn the_text_beside_the_html_is_what_the_page_shows() {
    let source = "## Objectifs\n\nDes étudiants partent à [Liège](@/countries/be) \
        et à [Bruxelles](https://www.example.org/a_(b)/c \"titre\").\n\n\
        - *Mobilité* des **forma**teurs\n- voir <https://example.org/x> et ![logo](img.png)\n\n\
        <!-- note interne :\nconfidentiel -->\n\n<div>cachée</div>\n\n\
        > Une citation <!-- secret -->, `du code` et [une référence][ref] &amp; &eacute;t&eacute;.\n\n\
        [ref]: https://example.org/ref\n\n| a | b |\n|---|---|\n| cellule | 3 |\n";
    let (html, text) = render_with_text(
        &md(source),
        &MarkdownOptions {
            raw_html: false,
            media: None,
        },
        &resolve,
        &mut Vec::new(),
    );
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        "Objectifs Des étudiants partent à Liège et à Bruxelles. Mobilité des formateurs \
         voir https://example.org/x et Une citation , du code et une référence & été. a b cellule 3"
    );
    for hidden in [
        "confidentiel",
        "cachée",
        "secret",
        "logo",
        "helmo",
        "www.example.org",
    ] {
        assert!(!text.contains(hidden), "{hidden} in {text}");
    }
    assert_eq!(
        html,
        render(
            &md(source),
            &MarkdownOptions {
                raw_html: false,
                media: None
            },
            &resolve,
            &mut Vec::new()
        )
    );
}
