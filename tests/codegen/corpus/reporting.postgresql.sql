CREATE TABLE region (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE sale (id BIGSERIAL PRIMARY KEY, region_id BIGINT NOT NULL, amount_cents BIGINT NOT NULL,
  sold_on DATE NOT NULL,
  CONSTRAINT sale_region_id_fkey FOREIGN KEY (region_id) REFERENCES region (id));
CREATE VIEW region_total AS SELECT region.name AS region, sum(sale.amount_cents) AS total_cents
  FROM region JOIN sale ON sale.region_id = region.id GROUP BY region.name;
CREATE VIEW big_sale AS SELECT id, amount_cents FROM sale WHERE amount_cents > 100000;
