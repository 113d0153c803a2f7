// erd_mermaid: the diagram as a Mermaid erDiagram. Mermaid's grammar takes
// only simple words for entity ids, attribute names and types, and has no
// escape inside its quoted strings; this file maps any name onto that grammar
// and keeps the real name where Mermaid shows free text (an entity alias, an
// attribute comment).
#include <map>
#include <set>

#include <fmt/format.h>

#include <quarry/erd/erd.hpp>

#include "erd/erd_detail.hpp"

namespace quarry {

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/// A Mermaid word ([A-Za-z_][A-Za-z0-9_-]*): other characters become '_', and
/// a word that would not start with a letter or '_' gets `prefix`.
std::string mermaid_word(std::string_view name, std::string_view prefix) {
  std::string out;
  for (char c : name) out += is_word_char(c) ? c : '_';
  if (out.empty() || !is_letter(out.front())) out.insert(0, prefix);
  return out;
}

/// Text inside a Mermaid "quoted string", which ends at the next quote and
/// has no escapes: quotes become ', and characters Mermaid rejects or that
/// end the line become '_'.
std::string mermaid_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"') {
      out += '\'';
    } else if (c == '\\' || c == '%' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += '_';
    } else {
      out += c;
    }
  }
  return out;
}

/// "numeric(5, 2)" -> "numeric(5_2)", "double precision" -> "double_precision",
/// "text[]" -> "text_array": Mermaid types allow letters, digits, '_', '-'
/// and parentheses (brackets too, but GitHub's renderer rejects them).
std::string mermaid_type(std::string_view type) {
  std::string out;
  for (std::size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    if (type.substr(i, 2) == "[]") {
      out += "_array";
      ++i;
    } else if (c == ',' && i + 1 < type.size() && type[i + 1] == ' ') {
      out += '_';
      ++i;
    } else if (is_word_char(c) || c == '(' || c == ')') {
      out += c;
    } else {
      out += '_';
    }
  }
  if (out.empty() || !is_letter(out.front())) out.insert(0, "t_");
  return out;
}

}  // namespace

std::string erd_mermaid(const Schema& schema, const ErdOptions& options) {
  ErdModel model = erd_model(schema, options);

  // Entity ids: the name as a Mermaid word, made unique ("a b" and "a_b").
  std::map<std::string, std::string> ids;
  std::set<std::string> used;
  for (const TableSchema* t : model.tables) {
    std::string name = qualified_name(*t);
    std::string id = mermaid_word(name, "t_");
    for (int n = 2; used.count(id) != 0; ++n)
      id = fmt::format("{}_{}", mermaid_word(name, "t_"), n);
    used.insert(id);
    ids[name] = id;
  }

  std::string out;
  if (!options.title.empty())
    out += fmt::format("---\ntitle: {}\n---\n", mermaid_text(options.title));
  out += "erDiagram\n";
  for (const TableSchema* t : model.tables) {
    std::string name = qualified_name(*t);
    const std::string& id = ids.at(name);
    std::string head = id;
    if (id != name || t->is_view) {
      head += fmt::format("[\"{}{}\"]", mermaid_text(name), t->is_view ? " (view)" : "");
    }
    std::vector<const ColumnSchema*> columns = erd_detail::shown_columns(*t, options.columns);
    if (columns.empty()) {
      out += fmt::format("    {}\n", head);
      continue;
    }
    out += fmt::format("    {} {{\n", head);
    for (const ColumnSchema* c : columns) {
      erd_detail::ColumnMarks m = erd_detail::column_marks(*t, *c);
      std::string word = mermaid_word(c->name, "c_");
      std::string line = fmt::format(
          "        {} {}",
          options.show_types ? mermaid_type(erd_type_name(c->type)) : std::string("column"), word);
      std::vector<std::string> keys;
      if (m.primary_key) keys.emplace_back("PK");
      if (m.foreign_key) keys.emplace_back("FK");
      if (m.unique) keys.emplace_back("UK");
      for (std::size_t i = 0; i < keys.size(); ++i) line += (i ? ", " : " ") + keys[i];
      std::vector<std::string> notes;
      if (word != c->name) notes.push_back(fmt::format("column {}", c->name));
      if (c->nullable) notes.emplace_back("nullable");
      if (!notes.empty()) {
        std::string comment;
        for (const auto& n : notes) comment += (comment.empty() ? "" : "; ") + n;
        line += fmt::format(" \"{}\"", mermaid_text(comment));
      }
      out += line + '\n';
    }
    out += "    }\n";
  }

  for (const auto& r : model.relationships) {
    auto parent = ids.find(r.parent);
    auto child = ids.find(r.child);
    if (parent == ids.end() || child == ids.end()) continue;
    std::string label;
    std::string_view line;
    if (r.cardinality == Cardinality::many_to_many) {
      line = "}o--o{";
      label = r.via;
    } else {
      bool one = r.cardinality == Cardinality::one_to_one;
      line = r.optional ? (one ? "|o--o|" : "|o--o{") : (one ? "||--o|" : "||--o{");
      for (const auto& c : r.child_columns) label += (label.empty() ? "" : ", ") + c;
    }
    out += fmt::format("    {} {} {} : \"{}\"\n", parent->second, line, child->second,
                       mermaid_text(label));
  }
  return out;
}

}  // namespace quarry
