// The codegen round trip over tests/codegen/corpus/: a fresh database per
// step (a temporary SQLite file, or a PostgreSQL schema of its own), a corpus
// file's SQL run into it, and its reflection. Shared by the generator
// (roundtrip_generate.cxx) and the check compiled at test time against the
// generated header (roundtrip_check.cxx).
#pragma once

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <quarry/quarry.hpp>
#include <quarry/schema/reflect.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"

namespace qt::roundtrip {

/// The SQL of a corpus file, one statement per element (statements end with
/// ';' at the end of a line), and the extra namespaces it names on a
/// `-- schemas: a, b` line.
struct CorpusFile {
  std::vector<std::string> statements;
  std::vector<std::string> namespaces;
};

inline CorpusFile read_corpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  CorpusFile file;
  std::string line, statement;
  while (std::getline(in, line)) {
    if (line.starts_with("-- schemas:")) {
      std::stringstream names(line.substr(11));
      std::string name;
      while (std::getline(names, name, ',')) {
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty()) file.namespaces.push_back(name);
      }
      continue;
    }
    if (line.starts_with("--")) continue;
    statement += line + "\n";
    auto end = line.find_last_not_of(" \t\r");
    if (end != std::string::npos && line[end] == ';') {
      file.statements.push_back(statement);
      statement.clear();
    }
  }
  if (statement.find_first_not_of(" \n\t") != std::string::npos)
    file.statements.push_back(statement);
  return file;
}

/// A database nobody else uses, removed when destroyed. On PostgreSQL the
/// extra namespaces are (re)created empty and dropped with it.
class FreshDatabase {
 public:
  FreshDatabase(std::string_view backend, std::vector<std::string> namespaces,
                bool create_namespaces = true)
      : namespaces_(std::move(namespaces)) {
    if (backend == "sqlite") {
      file_.emplace("codegen");
      db_.emplace(quarry::Database::open(file_->url()));
      return;
    }
    const std::string url = postgres_url();
    if (url.empty()) throw std::runtime_error("QUARRY_TEST_POSTGRES_URL is not set");
    pg_.emplace(url);
    db_.emplace(quarry::Database::open(pg_->url(), {.pool_size = 1}));
    for (const auto& n : namespaces_) {
      db_->execute_sync("DROP SCHEMA IF EXISTS \"" + n + "\" CASCADE");
      if (create_namespaces) db_->execute_sync("CREATE SCHEMA \"" + n + "\"");
    }
  }
  ~FreshDatabase() {
    try {
      if (pg_) {
        for (const auto& n : namespaces_)
          db_->execute_sync("DROP SCHEMA IF EXISTS \"" + n + "\" CASCADE");
      }
    } catch (...) {
      // Dropping is tidying up: a failure must not hide the test's own result.
    }
  }
  FreshDatabase(const FreshDatabase&) = delete;
  FreshDatabase& operator=(const FreshDatabase&) = delete;

  quarry::Database& db() { return *db_; }

  /// Everything in the database: its own namespace, and the extra ones.
  quarry::Schema reflect() {
    quarry::ReflectOptions options;
    if (pg_ && !namespaces_.empty()) {
      options.schemas.push_back(pg_->name());
      options.schemas.insert(options.schemas.end(), namespaces_.begin(), namespaces_.end());
    }
    return quarry::reflect_sync(*db_, options);
  }

 private:
  std::vector<std::string> namespaces_;
  std::optional<TempDbFile> file_;
  std::optional<TempPgSchema> pg_;
  std::optional<quarry::Database> db_;
};

/// The reflection of a fresh database holding the corpus file's schema.
inline quarry::Schema reflect_corpus(std::string_view backend, const std::string& path) {
  CorpusFile file = read_corpus(path);
  FreshDatabase fresh(backend, file.namespaces, /*create_namespaces=*/false);  // the SQL does
  for (const auto& s : file.statements) fresh.db().execute_sync(s);
  return fresh.reflect();
}

}  // namespace qt::roundtrip
