//! Columns aligned the way the real tools align them: Go's `text/tabwriter`, which every tool
//! here prints its tables through. A column is as wide as its widest cell plus the padding (and
//! at least `min_width`); the last cell of a row is not a column and is written as it is, so
//! rows carry no trailing spaces.
//!
//! The parameters each tool passes to `tabwriter.NewWriter` / `Init`:
//! - kubectl: min width 6, padding 3 (kubernetes/cli-runtime `pkg/printers/tabwriter.go`,
//!   read in cilium/hubble `vendor/k8s.io/cli-runtime`, snapshot 75d3a68);
//! - istioctl proxy-status and proxy-config secret: min width 0, padding 5
//!   (istio/istio `istioctl/pkg/writer/pilot/status.go`, `writer/compare/sds/writer.go`,
//!   snapshot 86c9f01); the other proxy-config tables: padding 1 (`writer/envoy/configdump`);
//! - hubble `-o table`: min width 2, padding 3 (cilium `hubble/pkg/printer/printer.go`).

use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone)]
pub struct Table {
    rows: Vec<Vec<String>>,
    min_width: usize,
    padding: usize,
}

impl Table {
    pub fn new(min_width: usize, padding: usize) -> Table {
        Table {
            rows: Vec::new(),
            min_width,
            padding,
        }
    }

    /// kubectl's table writer, starting with its header row.
    pub fn kubectl<S: AsRef<str>>(header: &[S]) -> Table {
        let mut t = Table::new(6, 3);
        t.row(header);
        t
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        self.rows
            .push(cells.iter().map(|c| c.as_ref().to_string()).collect());
    }

    pub fn push(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The aligned text, one line per row.
    pub fn render(&self) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        // Every cell but a row's last is a column cell.
        let mut widths = vec![0usize; columns.saturating_sub(1)];
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
                widths[i] = widths[i].max(cell.width() + self.padding);
            }
        }
        for w in &mut widths {
            *w = (*w).max(self.min_width);
        }
        let mut out = String::new();
        for row in &self.rows {
            let last = row.len().saturating_sub(1);
            for (i, cell) in row.iter().enumerate() {
                out.push_str(cell);
                if i < last {
                    let pad = widths[i].saturating_sub(cell.width());
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_padded_like_tabwriter() {
        let mut t = Table::kubectl(&["NAME", "READY", "STATUS"]);
        t.row(&["a", "1/1", "Running"]);
        t.row(&["payment-0", "2/2", "Running"]);
        assert_eq!(
            t.render(),
            "NAME        READY   STATUS\na           1/1     Running\npayment-0   2/2     Running\n"
        );
    }

    #[test]
    fn min_width_holds_short_columns_open() {
        let mut t = Table::kubectl(&["A", "B"]);
        t.row(&["x", "y"]);
        assert_eq!(t.render(), "A     B\nx     y\n");
    }
}
