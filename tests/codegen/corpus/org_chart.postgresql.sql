CREATE TABLE department (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, parent_id BIGINT,
  CONSTRAINT department_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES department (id) ON DELETE CASCADE);
CREATE TABLE employee (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, manager_id BIGINT,
  department_id BIGINT NOT NULL,
  CONSTRAINT employee_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES employee (id) ON DELETE SET NULL,
  CONSTRAINT employee_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id));
CREATE INDEX ix_employee_manager_id ON employee (manager_id);
