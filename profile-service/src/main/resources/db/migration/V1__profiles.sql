CREATE TABLE profiles (
    user_id       uuid          PRIMARY KEY,
    username      varchar(255)  NOT NULL,
    display_name  varchar(100)  NOT NULL,
    email         varchar(254),
    bio           varchar(2000),
    updated_at    timestamptz   NOT NULL,
    version       bigint        NOT NULL
);
