// Codegen relationship detection over the feature models: many-to-one,
// one-to-one, many-to-many association tables, self-references and
// joined-table inheritance, as sqlacodegen recognises them.
#include <gtest/gtest.h>

#include "codegen/feature_models.hpp"
#include "codegen/relationships.hpp"

using namespace quarry;
using namespace quarry::detail::codegen;

namespace {
const Relationship* find(const std::vector<Relationship>& all, std::string_view from,
                         std::string_view column) {
  for (const auto& r : all) {
    if (r.from->name == from && r.key->columns[0] == column) return &r;
  }
  return nullptr;
}
}  // namespace

TEST(CodegenRelationships, EachForeignKeyIsClassified) {
  Schema schema = cgm::feature_schema();
  auto all = detect_relationships(schema);
  ASSERT_NE(find(all, "album", "artist_id"), nullptr);
  EXPECT_EQ(find(all, "album", "artist_id")->kind, RelationKind::many_to_one);
  EXPECT_EQ(find(all, "album", "artist_id")->to->name, "artist");
  ASSERT_NE(find(all, "profile", "person_id"), nullptr);
  EXPECT_EQ(find(all, "profile", "person_id")->kind, RelationKind::one_to_one);
  ASSERT_NE(find(all, "employee", "reports_to"), nullptr);
  EXPECT_EQ(find(all, "employee", "reports_to")->kind, RelationKind::self_reference);
  ASSERT_NE(find(all, "employee", "id"), nullptr);
  EXPECT_EQ(find(all, "employee", "id")->kind, RelationKind::inheritance);
  ASSERT_NE(find(all, "booking", "hall"), nullptr);
  EXPECT_EQ(find(all, "booking", "hall")->kind, RelationKind::many_to_one);
  EXPECT_EQ(find(all, "booking", "hall")->key->columns.size(), 2u);
}

TEST(CodegenRelationships, AssociationTablesHaveTwoKeysAndNothingElse) {
  Schema schema = cgm::feature_schema();
  EXPECT_TRUE(is_association_table(schema.table("playlist_track")));
  EXPECT_FALSE(is_association_table(schema.table("track")));
  EXPECT_FALSE(is_association_table(schema.table("employee")));  // a key and a column more
  TableSchema with_column = schema.table("playlist_track");
  with_column.columns.push_back({"position", {}, false, false, {}, {}});
  EXPECT_FALSE(is_association_table(with_column));
}

TEST(CodegenRelationships, InheritanceNeedsThePrimaryKeyToReferenceTheParentsKey) {
  Schema schema = cgm::feature_schema();
  const ForeignKey* key = inheritance_key(schema, schema.table("employee"));
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->ref_table, "person");
  EXPECT_EQ(inheritance_key(schema, schema.table("profile")), nullptr);         // its own key
  EXPECT_EQ(inheritance_key(schema, schema.table("playlist_track")), nullptr);  // two keys
}

TEST(CodegenRelationships, UniqueKeysAreOneToOne) {
  Schema schema = cgm::feature_schema();
  const TableSchema& profile = schema.table("profile");
  EXPECT_TRUE(is_unique_key(profile, profile.foreign_keys[0]));
  const TableSchema& album = schema.table("album");
  EXPECT_FALSE(is_unique_key(album, album.foreign_keys[0]));  // unique only with title
}
