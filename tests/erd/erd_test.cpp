// ERDs as text: golden DOT and Mermaid for the playground, the cardinality of
// each kind of relationship, the table and column options, and names that
// would break DOT, HTML labels or Mermaid if they were not escaped.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <quarry/erd/erd.hpp>

#include "erd/erd_test_schemas.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using qt::erd::column;
using qt::erd::fk;
using qt::erd::table;

std::string golden_path(const std::string& name) {
  return std::string(QUARRY_TEST_SOURCE_DIR) + "/erd/golden/" + name;
}

/// Compares `actual` with the golden file; QUARRY_UPDATE_GOLDEN=1 rewrites
/// the file instead (then review the diff).
void expect_golden(const std::string& name, const std::string& actual) {
  std::string path = golden_path(name);
  if (const char* update = std::getenv("QUARRY_UPDATE_GOLDEN");
      update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no golden file " << path << " (QUARRY_UPDATE_GOLDEN=1 writes it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Erd, PlaygroundDotMatchesTheGoldenFile) {
  expect_golden("playground.dot", erd_dot(playground::schema()));
}

TEST(Erd, PlaygroundMermaidMatchesTheGoldenFile) {
  expect_golden("playground.mmd", erd_mermaid(playground::schema()));
}

TEST(Erd, PlaygroundHasOneLinePerForeignKeyWithItsCardinality) {
  const Schema schema = playground::schema();
  ErdModel model = erd_model(schema);
  ASSERT_EQ(model.tables.size(), 5u);
  std::vector<ErdRelationship> expected = {
      {Cardinality::one_to_many, "manager", {"id"}, "band", {"manager"}, true, ""},
      {Cardinality::one_to_many, "band", {"id"}, "concert", {"band_1"}, false, ""},
      {Cardinality::one_to_many, "band", {"id"}, "concert", {"band_2"}, false, ""},
      {Cardinality::one_to_many, "venue", {"id"}, "concert", {"venue"}, false, ""},
      {Cardinality::one_to_many, "concert", {"id"}, "ticket", {"concert"}, false, ""},
  };
  EXPECT_EQ(model.relationships, expected);
}

TEST(Erd, AUniqueForeignKeyIsOneToOne) {
  Schema s = qt::erd::relationships_schema();
  ErdModel model = erd_model(s);
  auto find = [&](const std::string& child, const std::string& column) {
    for (const auto& r : model.relationships) {
      if (r.child == child && r.child_columns == std::vector<std::string>{column}) return r;
    }
    ADD_FAILURE() << "no line for " << child << "." << column;
    return ErdRelationship{};
  };
  // A unique constraint, a primary key that is a foreign key (joined-table
  // inheritance), and a total unique index each make the line one-to-one.
  EXPECT_EQ(find("passport", "person").cardinality, Cardinality::one_to_one);
  EXPECT_FALSE(find("passport", "person").optional);
  EXPECT_EQ(find("employee", "id").cardinality, Cardinality::one_to_one);
  EXPECT_EQ(find("badge", "person").cardinality, Cardinality::one_to_one);
  // A partial unique index allows duplicates outside its condition.
  EXPECT_EQ(find("nickname", "person").cardinality, Cardinality::one_to_many);
  // A plain foreign key, and one to the table itself, are one-to-many; a
  // nullable one is optional.
  EXPECT_EQ(find("person", "parent").cardinality, Cardinality::one_to_many);
  EXPECT_EQ(find("person", "parent").parent, "person");
  EXPECT_TRUE(find("person", "parent").optional);

  std::string dot = erd_dot(s);
  // one-to-one: at most one passport per person; exactly one person per passport.
  EXPECT_TRUE(has(dot, "\"person\":c0r -> \"passport\":c1l [arrowtail=teetee, arrowhead=teeodot];"))
      << dot;
  EXPECT_TRUE(has(dot, "\"person\":c0r -> \"person\":c2l [arrowtail=teeodot, arrowhead=crowodot];"))
      << dot;
  std::string mermaid = erd_mermaid(s);
  EXPECT_TRUE(has(mermaid, "    person ||--o| passport : \"person\"\n")) << mermaid;
  EXPECT_TRUE(has(mermaid, "    person |o--o{ person : \"parent\"\n")) << mermaid;
  EXPECT_TRUE(has(mermaid, "    person ||--o{ nickname : \"person\"\n")) << mermaid;
}

TEST(Erd, AnAssociationTableIsOneManyToManyLine) {
  Schema s = qt::erd::relationships_schema();
  EXPECT_TRUE(erd_is_association_table(*s.find_table("enrollment")));
  EXPECT_FALSE(erd_is_association_table(*s.find_table("graded_enrollment")))
      << "a third column makes it an entity of its own";
  EXPECT_FALSE(erd_is_association_table(*s.find_table("passport")));

  ErdModel model = erd_model(s);
  for (const TableSchema* t : model.tables) EXPECT_NE(t->name, "enrollment");
  std::vector<ErdRelationship> m2m;
  for (const auto& r : model.relationships) {
    if (r.cardinality == Cardinality::many_to_many) m2m.push_back(r);
    EXPECT_NE(r.child, "enrollment") << "no line to the association table itself";
  }
  ASSERT_EQ(m2m.size(), 1u);
  EXPECT_EQ(m2m[0].parent, "student");
  EXPECT_EQ(m2m[0].child, "course");
  EXPECT_EQ(m2m[0].via, "enrollment");
  EXPECT_EQ(m2m[0].child_columns, (std::vector<std::string>{"code", "year"}))
      << "the composite key of course";

  std::string dot = erd_dot(s);
  EXPECT_FALSE(has(dot, "\"enrollment\" [label")) << dot;
  EXPECT_TRUE(has(dot,
                  "\"student\":c0r -> \"course\":c0l [arrowtail=crowodot, arrowhead=crowodot, "
                  "label=<<i>enrollment</i>>];"))
      << dot;
  EXPECT_TRUE(has(erd_mermaid(s), "    student }o--o{ course : \"enrollment\"\n"));
  // The table with a grade is drawn with its two lines.
  EXPECT_TRUE(has(dot, "\"graded_enrollment\" [label"));
}

TEST(Erd, AssociationTablesCanBeDrawnAsTables) {
  Schema s = qt::erd::relationships_schema();
  ErdOptions options;
  options.association_tables = true;
  ErdModel model = erd_model(s, options);
  int lines_to_enrollment = 0;
  for (const auto& r : model.relationships) {
    EXPECT_NE(r.cardinality, Cardinality::many_to_many);
    if (r.child == "enrollment") ++lines_to_enrollment;
  }
  EXPECT_EQ(lines_to_enrollment, 2);
  std::string dot = erd_dot(s, options);
  EXPECT_TRUE(has(dot, "\"enrollment\" [label"));
  EXPECT_TRUE(has(dot, "\"student\":c0r -> \"enrollment\":c0l"));
  EXPECT_TRUE(has(dot, "\"course\":c0r -> \"enrollment\":c1l"));
}

TEST(Erd, AnAssociationTableWhoseOtherEndIsLeftOutIsDrawnAsATable) {
  ErdOptions options;
  options.exclude_tables = {"course"};
  const Schema schema = qt::erd::relationships_schema();
  ErdModel model = erd_model(schema, options);
  bool drawn = false;
  for (const TableSchema* t : model.tables) drawn |= t->name == "enrollment";
  EXPECT_TRUE(drawn);
  for (const auto& r : model.relationships) {
    EXPECT_NE(r.cardinality, Cardinality::many_to_many);
    EXPECT_NE(r.parent, "course");
  }
}

TEST(Erd, OnlyAndExcludeChooseTheTables) {
  ErdOptions options;
  options.only_tables = {"band", "concert", "ticket"};
  options.exclude_tables = {"ticket"};
  const Schema schema = playground::schema();
  ErdModel model = erd_model(schema, options);
  ASSERT_EQ(model.tables.size(), 2u);
  EXPECT_EQ(model.tables[0]->name, "band");
  EXPECT_EQ(model.tables[1]->name, "concert");
  // Lines only between drawn tables; the column keeps its FK marker.
  ASSERT_EQ(model.relationships.size(), 2u);
  std::string dot = erd_dot(playground::schema(), options);
  EXPECT_FALSE(has(dot, "\"manager\""));
  EXPECT_TRUE(has(dot,
                  "<i>manager</i></td><td align=\"left\"><font color=\"#4b5563\">bigint</font>"
                  "</td><td port=\"c2r\" align=\"left\">FK, NULL</td>"))
      << dot;
  std::string mermaid = erd_mermaid(playground::schema(), options);
  EXPECT_FALSE(has(mermaid, "    venue {")) << mermaid;
  EXPECT_FALSE(has(mermaid, "venue ||--o{")) << mermaid;
  EXPECT_TRUE(has(mermaid, "        bigint venue FK\n")) << "the FK column stays";
}

TEST(Erd, AnUnknownTableNameIsAnErrorWithASuggestion) {
  ErdOptions options;
  options.only_tables = {"bands"};
  try {
    erd_dot(playground::schema(), options);
    FAIL() << "accepted an unknown table";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "only: no table \"bands\" in the schema; did you mean \"band\"?");
  }
  options.only_tables.clear();
  options.exclude_tables = {"xyzzy"};
  try {
    erd_mermaid(playground::schema(), options);
    FAIL() << "accepted an unknown table";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "exclude: no table \"xyzzy\" in the schema");
  }
}

TEST(Erd, TablesOfOtherSchemasAreQualified) {
  Schema s;
  s.tables.push_back(table("account", {column("id")}, {"id"}));
  TableSchema entry = table("entry", {column("id"), column("account_id"), column("by")}, {"id"});
  entry.schema = "audit";
  // An empty ref_schema: the referencing table's own schema when it has such
  // a table, else the default one (lookup.hpp's rule).
  entry.foreign_keys.push_back(fk({"account_id"}, "account", {"id"}));
  TableSchema user = table("user", {column("id")}, {"id"});
  user.schema = "auth";
  entry.foreign_keys.push_back(fk({"by"}, "user", {"id"}));
  entry.foreign_keys.back().ref_schema = "auth";
  s.tables.push_back(entry);
  s.tables.push_back(user);
  std::string dot = erd_dot(s);
  EXPECT_TRUE(has(dot, "\"audit.entry\" [label"));
  EXPECT_TRUE(has(dot, "\"account\":c0r -> \"audit.entry\":c1l")) << dot;
  EXPECT_TRUE(has(dot, "\"auth.user\":c0r -> \"audit.entry\":c2l")) << dot;
  ErdOptions options;
  options.only_tables = {"audit.entry", "account"};
  ErdModel model = erd_model(s, options);
  ASSERT_EQ(model.tables.size(), 2u);
  EXPECT_EQ(model.tables[1]->schema, "audit");
  EXPECT_EQ(model.relationships.size(), 1u);
  std::string mermaid = erd_mermaid(s);
  EXPECT_TRUE(has(mermaid, "    audit_entry[\"audit.entry\"] {\n")) << mermaid;
  EXPECT_TRUE(has(mermaid, "    auth_user ||--o{ audit_entry : \"by\"\n")) << mermaid;
}

TEST(Erd, ViewsAreMarkedAndCanBeLeftOut) {
  Schema s = playground::schema();
  TableSchema v = table("popular_band", {column("name", TypeKind::text)}, {});
  v.is_view = true;
  v.view_sql = "SELECT name FROM band WHERE popularity > 100";
  s.tables.push_back(v);
  std::string dot = erd_dot(s);
  EXPECT_TRUE(has(dot, "<b>popular_band</b> <i>(view)</i>"));
  EXPECT_TRUE(has(dot, "bgcolor=\"#6b7280\""));
  EXPECT_TRUE(has(erd_mermaid(s), "    popular_band[\"popular_band (view)\"] {\n"));
  ErdOptions options;
  options.include_views = false;
  EXPECT_FALSE(has(erd_dot(s, options), "popular_band"));
  EXPECT_FALSE(has(erd_mermaid(s, options), "popular_band"));
}

TEST(Erd, ColumnsCanBeLimitedToKeysOrHidden) {
  ErdOptions keys;
  keys.columns = ErdColumns::keys;
  std::string dot = erd_dot(playground::schema(), keys);
  EXPECT_TRUE(has(dot, ">popularity<") == false) << "not a key";
  EXPECT_FALSE(has(dot, ">starts<"));
  EXPECT_TRUE(has(dot, "<u>id</u>"));
  EXPECT_TRUE(has(dot, ">band_1<"));
  EXPECT_TRUE(has(dot, ">name<")) << "unique";
  // Ports are per column of the table, so lines still meet their rows.
  EXPECT_TRUE(has(dot, "\"band\":c0r -> \"concert\":c2l"));
  std::string mermaid = erd_mermaid(playground::schema(), keys);
  EXPECT_FALSE(has(mermaid, "popularity"));
  EXPECT_TRUE(has(mermaid, "bigint band_1 FK"));

  ErdOptions none;
  none.columns = ErdColumns::none;
  dot = erd_dot(playground::schema(), none);
  EXPECT_FALSE(has(dot, "port="));
  EXPECT_TRUE(
      has(dot, "\"band\" -> \"concert\" [arrowtail=teetee, arrowhead=crowodot, label=<band_2>];"))
      << "with no rows, the line says which column it is";
  mermaid = erd_mermaid(playground::schema(), none);
  EXPECT_TRUE(has(mermaid, "erDiagram\n    manager\n    band\n")) << mermaid;
  EXPECT_TRUE(has(mermaid, "band ||--o{ concert : \"band_1\""));

  ErdOptions no_types;
  no_types.show_types = false;
  dot = erd_dot(playground::schema(), no_types);
  EXPECT_FALSE(has(dot, "bigint"));
  EXPECT_TRUE(has(dot, "colspan=\"2\""));
}

TEST(Erd, ATitleCaptionsTheDiagram) {
  ErdOptions options;
  options.title = "Playground <v1> & co";
  EXPECT_TRUE(has(erd_dot(playground::schema(), options),
                  "labelloc=t, label=<<b>Playground &lt;v1&gt; &amp; co</b>>"));
  EXPECT_EQ(erd_mermaid(playground::schema(), options)
                .rfind("---\ntitle: Playground <v1> & co\n---\nerDiagram\n", 0),
            0u);
}

TEST(Erd, TypesReadAsSql) {
  auto type = [](TypeKind kind, auto&&... set) {
    SqlType t;
    t.kind = kind;
    (set(t), ...);
    return erd_type_name(t);
  };
  EXPECT_EQ(type(TypeKind::int64), "bigint");
  EXPECT_EQ(type(TypeKind::varchar, [](SqlType& t) { t.length = 50; }), "varchar(50)");
  EXPECT_EQ(
      type(
          TypeKind::decimal, [](SqlType& t) { t.precision = 5; }, [](SqlType& t) { t.scale = 2; }),
      "numeric(5, 2)");
  EXPECT_EQ(type(TypeKind::decimal, [](SqlType& t) { t.precision = 7; }), "numeric(7)");
  EXPECT_EQ(type(TypeKind::decimal), "numeric");
  EXPECT_EQ(type(TypeKind::array, [](SqlType& t) { t.element = TypeKind::int32; }), "integer[]");
  EXPECT_EQ(type(TypeKind::db_enum, [](SqlType& t) { t.type_name = "mood"; }), "mood");
  EXPECT_EQ(type(TypeKind::raw, [](SqlType& t) { t.type_name = "point"; }), "point");
  EXPECT_EQ(type(TypeKind::enum_text, [](SqlType& t) { t.enum_values = {"a"}; }), "enum");
  EXPECT_EQ(type(TypeKind::float64), "double");
}

TEST(Erd, HostileNamesAreEscapedInDot) {
  Schema s = qt::erd::hostile_schema();
  std::string dot = erd_dot(s);
  // IDs: quotes escaped, backslashes doubled.
  EXPECT_TRUE(has(dot, R"(  "quote\"back\\slash<tag>&amp;'" [label=<)")) << dot;
  // Labels: markup as entities; a control character as U+FFFD.
  EXPECT_TRUE(has(dot, "<b>quote&quot;back\\slash&lt;tag&gt;&amp;amp;&#39;</b>")) << dot;
  EXPECT_TRUE(has(dot, "new\xEF\xBF\xBDline"));
  EXPECT_FALSE(has(dot, "new\nline"));
  EXPECT_TRUE(has(dot, "bad\xEF\xBF\xBDutf8")) << "a byte that is not UTF-8 becomes U+FFFD";
  // The raw name appears only inside quoted IDs (the node, its edge); labels escape it.
  const std::string id = R"("quote\"back\\slash<tag>&amp;'")";
  int ids = 0;
  for (std::size_t at = dot.find("<tag>"); at != std::string::npos;
       at = dot.find("<tag>", at + 1)) {
    EXPECT_EQ(dot.compare(at - 19, id.size(), id), 0) << "raw markup outside an ID at " << at;
    ++ids;
  }
  EXPECT_EQ(ids, 2) << "the node and the one edge from it";
}

TEST(Erd, HostileNamesBecomeValidMermaid) {
  Schema s = qt::erd::hostile_schema();
  std::string mermaid = erd_mermaid(s);
  const std::regex word("[A-Za-z_][A-Za-z0-9_-]*");
  const std::regex entity(R"(    [A-Za-z_][A-Za-z0-9_-]*(\["[^"%\\]*"\])?( \{)?)");
  const std::regex attribute(
      R"(        [A-Za-z_][A-Za-z0-9_()-]* [A-Za-z_][A-Za-z0-9_-]*( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"%\\]*")?)");
  const std::regex relationship(
      R"(    [A-Za-z_][A-Za-z0-9_-]* (\|\||\|o|\}o)--(o\{|o\||\|\||o\{) [A-Za-z_][A-Za-z0-9_-]* : "[^"%\\]*")");
  std::istringstream lines(mermaid);
  std::string line;
  std::set<std::string> entity_ids;
  int entities = 0;
  while (std::getline(lines, line)) {
    if (line == "erDiagram" || line == "    }") continue;
    bool ok = std::regex_match(line, entity) || std::regex_match(line, attribute) ||
              std::regex_match(line, relationship);
    EXPECT_TRUE(ok) << "not Mermaid's grammar: [" << line << "]\nin\n" << mermaid;
    if (std::regex_match(line, entity)) {
      ++entities;
      entity_ids.insert(line.substr(4, line.find_first_of("[ ", 4) - 4));
    }
  }
  EXPECT_EQ(entities, static_cast<int>(s.tables.size()));
  EXPECT_EQ(entity_ids.size(), s.tables.size()) << "ids stay distinct when names collide";
  // The real names are kept where Mermaid shows text.
  EXPECT_TRUE(has(mermaid, "[\"quote'back_slash<tag>&amp;'\"]")) << mermaid;
  EXPECT_TRUE(has(mermaid, "        text my_column \"column my column; nullable\"\n")) << mermaid;
  EXPECT_TRUE(has(mermaid, "    a_b_2[\"a_b\"] {\n")) << mermaid;
}

}  // namespace
