// Schemas for the ERD tests, built as data: one with every kind of
// relationship, and one whose names would break DOT, HTML or Mermaid if they
// were not escaped.
#pragma once

#include <string>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace qt::erd {

inline quarry::ColumnSchema column(std::string name,
                                   quarry::TypeKind kind = quarry::TypeKind::int64,
                                   bool nullable = false) {
  quarry::ColumnSchema c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.nullable = nullable;
  return c;
}

inline quarry::TableSchema table(std::string name, std::vector<quarry::ColumnSchema> columns,
                                 std::vector<std::string> primary_key) {
  quarry::TableSchema t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  t.primary_key = std::move(primary_key);
  return t;
}

inline quarry::ForeignKey fk(std::vector<std::string> columns, std::string ref_table,
                             std::vector<std::string> ref_columns) {
  quarry::ForeignKey k;
  k.columns = std::move(columns);
  k.ref_table = std::move(ref_table);
  k.ref_columns = std::move(ref_columns);
  return k;
}

/// person (self-reference), passport (unique FK), employee (PK is the FK),
/// badge (unique index), nickname (partial unique index), student and course
/// joined by enrollment (an association table, composite key on one side),
/// and graded_enrollment (the same with a grade: an entity of its own).
inline quarry::Schema relationships_schema() {
  using quarry::TypeKind;
  quarry::Schema s;
  auto person =
      table("person",
            {column("id"), column("name", TypeKind::text), column("parent", TypeKind::int64, true)},
            {"id"});
  person.foreign_keys.push_back(fk({"parent"}, "person", {"id"}));
  s.tables.push_back(person);

  auto passport = table("passport", {column("id"), column("person")}, {"id"});
  passport.foreign_keys.push_back(fk({"person"}, "person", {"id"}));
  passport.uniques.push_back({"passport_person_key", {"person"}});
  s.tables.push_back(passport);

  auto employee = table("employee", {column("id"), column("salary", TypeKind::decimal)}, {"id"});
  employee.foreign_keys.push_back(fk({"id"}, "person", {"id"}));
  s.tables.push_back(employee);

  auto badge = table("badge", {column("id"), column("person")}, {"id"});
  badge.foreign_keys.push_back(fk({"person"}, "person", {"id"}));
  badge.indexes.push_back({"ux_badge_person", {"person"}, true, {}, ""});
  s.tables.push_back(badge);

  auto nickname = table(
      "nickname", {column("id"), column("person"), column("current", TypeKind::boolean)}, {"id"});
  nickname.foreign_keys.push_back(fk({"person"}, "person", {"id"}));
  nickname.indexes.push_back({"ux_nickname_current", {"person"}, true, {}, "\"current\""});
  s.tables.push_back(nickname);

  s.tables.push_back(table("student", {column("id"), column("name", TypeKind::text)}, {"id"}));
  s.tables.push_back(table("course",
                           {column("code", TypeKind::text), column("year", TypeKind::int32),
                            column("title", TypeKind::text)},
                           {"code", "year"}));

  auto enrollment = table("enrollment",
                          {column("student_id"), column("course_code", TypeKind::text),
                           column("course_year", TypeKind::int32)},
                          {"student_id", "course_code", "course_year"});
  enrollment.foreign_keys.push_back(fk({"student_id"}, "student", {"id"}));
  enrollment.foreign_keys.push_back(fk({"course_code", "course_year"}, "course", {"code", "year"}));
  s.tables.push_back(enrollment);

  auto graded = enrollment;
  graded.name = "graded_enrollment";
  graded.columns.push_back(column("grade", TypeKind::int32, true));
  s.tables.push_back(graded);
  return s;
}

/// Names with DOT's quote and backslash, HTML markup and an entity, a
/// newline, a byte that is not UTF-8, spaces, a leading digit, and two names
/// that Mermaid would map to the same id.
inline quarry::Schema hostile_schema() {
  quarry::Schema s;
  const std::string evil = "quote\"back\\slash<tag>&amp;'";
  auto t = table(evil,
                 {column("id"), column("new\nline", quarry::TypeKind::text),
                  column("my column", quarry::TypeKind::text, true),
                  column("bad\xFFutf8", quarry::TypeKind::text)},
                 {"id"});
  t.comment = "a comment with <b>markup</b> & \"quotes\"";
  s.tables.push_back(t);
  auto spaced = table("a b", {column("id"), column("evil id")}, {"id"});
  spaced.foreign_keys.push_back(fk({"evil id"}, evil, {"id"}));
  s.tables.push_back(spaced);
  auto underscored =
      table("a_b", {column("id"), column("a b id", quarry::TypeKind::int64, true)}, {"id"});
  underscored.foreign_keys.push_back(fk({"a b id"}, "a b", {"id"}));
  s.tables.push_back(underscored);
  s.tables.push_back(table("1st", {column("42")}, {"42"}));
  return s;
}

}  // namespace qt::erd
