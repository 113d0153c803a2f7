// SOCI 4.0 (sqlite3 backend) filling bench::Item rows, in SOCI's documented
// idioms. See peer_soci.hpp for why this is a translation unit of its own.
#include "peer_soci.hpp"

// First: it includes <sqlite3.h> inside namespace sqlite_api.
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bench {

struct SociPeer::Impl {
  explicit Impl(const std::string& path) : sql(*soci::factory_sqlite3(), "db=" + path) {}
  soci::session sql;
};

SociPeer::SociPeer(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}

SociPeer::~SociPeer() = default;

namespace {
void fill_created(Item& it, const std::string& text) {
  if (!parse_timestamp_fixed(text.data(), text.size(), it.created)) {
    throw std::runtime_error("bad timestamp in row " + std::to_string(it.id));
  }
}
}  // namespace

std::vector<Item> SociPeer::select_rows() {
  std::int64_t id{};
  std::string name, created, note;
  double score{};
  soci::indicator note_ind{};
  soci::statement st = (impl_->sql.prepare << select_all_sql, soci::into(id), soci::into(name),
                        soci::into(score), soci::into(created), soci::into(note, note_ind));
  st.execute();
  std::vector<Item> out;
  while (st.fetch()) {
    Item& it = out.emplace_back();
    it.id = id;
    it.name = name;
    it.score = score;
    fill_created(it, created);
    if (note_ind == soci::i_ok) it.note = note;
  }
  return out;
}

std::vector<Item> SociPeer::select_rows_bulk() {
  constexpr std::size_t batch = 1000;
  std::vector<std::int64_t> ids(batch);
  std::vector<std::string> names(batch), createds(batch), notes(batch);
  std::vector<double> scores(batch);
  std::vector<soci::indicator> note_inds(batch);
  soci::statement st = (impl_->sql.prepare << select_all_sql, soci::into(ids), soci::into(names),
                        soci::into(scores), soci::into(createds), soci::into(notes, note_inds));
  st.execute();
  std::vector<Item> out;
  while (st.fetch()) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      Item& it = out.emplace_back();
      it.id = ids[i];
      it.name = std::move(names[i]);
      it.score = scores[i];
      fill_created(it, createds[i]);
      if (note_inds[i] == soci::i_ok) it.note = std::move(notes[i]);
    }
    // fetch() shrinks the vectors to the rows it got; give the room back.
    ids.resize(batch);
    names.resize(batch);
    scores.resize(batch);
    createds.resize(batch);
    notes.resize(batch);
    note_inds.resize(batch);
  }
  return out;
}

}  // namespace bench
