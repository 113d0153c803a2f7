CREATE TABLE "order" (id BIGSERIAL PRIMARY KEY, "class" TEXT NOT NULL, "UserID" BIGINT NOT NULL,
  "sql_name" TEXT NOT NULL DEFAULT '', "delete" BOOLEAN NOT NULL DEFAULT FALSE, "Total Amount" BIGINT);
CREATE TABLE order_item (id BIGSERIAL PRIMARY KEY, order_id BIGINT NOT NULL, "struct" TEXT,
  CONSTRAINT order_item_order_id_fkey FOREIGN KEY (order_id) REFERENCES "order" (id));
CREATE TABLE "OrderItem" (id BIGSERIAL PRIMARY KEY, "orderItemId" BIGINT, "order_item_id" BIGINT,
  CONSTRAINT "OrderItem_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES order_item (id));
CREATE TABLE "index" (id BIGSERIAL PRIMARY KEY, "index" INTEGER NOT NULL, "unique" TEXT, "row_type" TEXT);
