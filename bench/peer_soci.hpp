// The SOCI peer of quarry_bench_sqlite, behind a small interface: SOCI's
// sqlite3 backend header includes <sqlite3.h> inside its own namespace and
// redefines SQLITE_STATIC, so it cannot share a translation unit with code
// that uses the sqlite3 C API directly. peer_soci.cpp holds the SOCI code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "item.hpp"

namespace bench {

/// One SOCI session on a SQLite file, opened at construction.
class SociPeer {
 public:
  explicit SociPeer(const std::string& path);
  ~SociPeer();
  SociPeer(const SociPeer&) = delete;
  SociPeer& operator=(const SociPeer&) = delete;

  /// SOCI's row-by-row idiom: into() variables with an indicator for the
  /// nullable column, one fetch() per row.
  std::vector<Item> select_rows();
  /// SOCI's bulk idiom: vectors of 1,000 rows per fetch() (its fastest path).
  std::vector<Item> select_rows_bulk();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bench
