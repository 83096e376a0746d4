//! The table of `export.rs` as an Excel workbook (rust_xlsxwriter): one
//! sheet of partnerships, its header row bold and frozen, each column as
//! wide as its content (within bounds) and formatted as text, so that
//! Excel keeps `2024-09` and `2014` as they are; drop-down lists of the
//! allowed values for `kind`, `status`, `programme`, `themes`, `members`
//! (the institutions) and `countries`, read from a hidden sheet `lists`.
//!
//! Every cell is written as text, neutralised when a spreadsheet would
//! run it as a formula; import reads the workbook back (`read.rs`) into
//! the same cells. The file is the same for the same catalogue: its
//! creation date is fixed.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Formula,
    Workbook, Worksheet, XlsxError,
};

use super::cells::allowed;
use super::columns::Field;
use super::export::Table;
use crate::catalogue::{Catalogue, Kind, Status};
use crate::types::text::neutralise_formula;

/// The widths of a column, in characters.
const NARROWEST: f64 = 8.0;
const WIDEST: f64 = 60.0;

/// The workbook of `table`, with the lists of allowed values of
/// `catalogue`.
pub fn workbook(table: &Table, catalogue: &Catalogue) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let lists = lists(catalogue);
    let sheet = book.add_worksheet();
    sheet.set_name("partnerships")?;
    write_table(sheet, table)?;
    let rows = table.rows.len().max(1000) as u32;
    for (i, column) in table.columns.iter().enumerate() {
        let Some(list) = lists.iter().position(|(field, _)| *field == column.field) else {
            continue;
        };
        let (field, values) = &lists[list];
        if values.is_empty() {
            continue;
        }
        let validation = validation(*field, list, values.len())?;
        sheet.add_data_validation(1, i as u16, rows, i as u16, &validation)?;
    }
    let hidden = book.add_worksheet();
    hidden.set_name("lists")?;
    for (col, (field, values)) in lists.iter().enumerate() {
        let col = col as u16;
        hidden.write_string(0, col, field.name())?;
        for (row, value) in values.iter().enumerate() {
            hidden.write_string(row as u32 + 1, col, value)?;
        }
    }
    hidden.set_hidden(true);
    book.save_to_buffer()
}

fn write_table(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_num_format("@");
    let text = Format::new().set_num_format("@");
    for (i, column) in table.columns.iter().enumerate() {
        let col = i as u16;
        let name = column.name();
        sheet.write_string_with_format(0, col, &name, &bold)?;
        let mut widest = name.chars().count();
        for (r, row) in table.rows.iter().enumerate() {
            let cell = row.get(i).map_or("", String::as_str);
            if !cell.is_empty() {
                let cell = neutralise_formula(cell);
                sheet.write_string_with_format(r as u32 + 1, col, cell.as_ref(), &text)?;
            }
            let longest = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            widest = widest.max(longest);
        }
        sheet.set_column_width(col, (widest as f64 + 2.0).clamp(NARROWEST, WIDEST))?;
        sheet.set_column_format(col, &text)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A drop-down list of the values of column `list` of the hidden sheet.
/// A column of one value warns on anything else; a list column (several
/// values, `a; b`) only informs, since a cell may hold more than one.
fn validation(field: Field, list: usize, count: usize) -> Result<DataValidation, XlsxError> {
    let letter = super::locate::letter(list);
    let formula = Formula::new(format!("=lists!${letter}$2:${letter}${}", count + 1));
    let single = matches!(field, Field::Kind | Field::Status | Field::Programme);
    let style = if single {
        DataValidationErrorStyle::Warning
    } else {
        DataValidationErrorStyle::Information
    };
    let (title, message) = if single {
        (
            "Valeur inconnue / Unknown value",
            "Choisissez une valeur de la liste. / Pick a value from the list.",
        )
    } else {
        (
            "Valeurs multiples / Many values",
            "Séparez les valeurs par « ; ». / Separate the values with `;`.",
        )
    };
    DataValidation::new()
        .allow_list_formula(formula)
        .ignore_blank(true)
        .set_error_style(style)
        .set_error_title(title)?
        .set_error_message(message)
}

/// The allowed values of the columns that have a list, in the order of
/// the hidden sheet's columns.
fn lists(c: &Catalogue) -> Vec<(Field, Vec<String>)> {
    let words = |list: String| -> Vec<String> { list.split(", ").map(str::to_string).collect() };
    let mut countries: Vec<String> = crate::catalogue::countries::codes()
        .map(str::to_string)
        .collect();
    countries.sort();
    vec![
        (Field::Kind, words(allowed::<Kind>())),
        (Field::Status, words(allowed::<Status>())),
        (Field::Programme, c.programmes.keys().cloned().collect()),
        (Field::Themes, c.themes.keys().cloned().collect()),
        (
            Field::Members,
            c.institutions.keys().map(|i| i.to_string()).collect(),
        ),
        (Field::Countries, countries),
    ]
}
