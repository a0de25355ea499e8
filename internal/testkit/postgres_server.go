package testkit

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
)

// PostgresCluster is a PostgreSQL server a test started for itself.
type PostgresCluster struct {
	Bin  string // the server's bin directory
	Data string // its data directory
	Port int
	// as runs the server's programs as the postgres user when the test runs as root,
	// since PostgreSQL refuses to run as root.
	as []string
}

// URL returns the URL of a database of the cluster.
func (c *PostgresCluster) URL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.Port, database)
}

// run runs one of the server's programs, failing the test with its output.
func (c *PostgresCluster) run(t testing.TB, prog string, args ...string) {
	t.Helper()
	argv := append(append([]string{}, c.as...), append([]string{filepath.Join(c.Bin, prog)}, args...)...)
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", prog, args, err, out)
	}
}

// Exec runs SQL on a database of the cluster with psql.
func (c *PostgresCluster) Exec(t testing.TB, database, sql string) {
	t.Helper()
	out, err := exec.Command("psql", c.URL(database), "-v", "ON_ERROR_STOP=1", "-tAc", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", sql, err, out)
	}
}

// postgresBin returns the newest installed server's bin directory, or ends the test as
// Missing.
func postgresBin(t testing.TB) string {
	t.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	if len(dirs) == 0 {
		Missing(t, "the PostgreSQL server's programs are missing: install them with `apt-get install postgresql`")
	}
	NeedTool(t, "psql", "postgresql-client")
	return dirs[len(dirs)-1]
}

// StartPostgres starts a private PostgreSQL server in a temporary directory, on a free
// port, with trust authentication and replication allowed, and stops it when the test
// ends.
func StartPostgres(t testing.TB) *PostgresCluster {
	t.Helper()
	c := &PostgresCluster{Bin: postgresBin(t), Port: freePort(t)}
	c.Data = filepath.Join(c.ownedTempDir(t), "data")
	c.run(t, "initdb", "-D", c.Data, "-A", "trust", "-U", "postgres")
	c.start(t, "-c", "wal_level=replica", "-c", "max_wal_senders=4")
	return c
}

// StartReplica makes a streaming replica of primary with pg_basebackup -R and starts it
// on a free port; it is stopped when the test ends.
func StartReplica(t testing.TB, primary *PostgresCluster) *PostgresCluster {
	t.Helper()
	r := &PostgresCluster{Bin: primary.Bin, Port: freePort(t), as: primary.as}
	r.Data = filepath.Join(r.ownedTempDir(t), "data")
	r.run(t, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.Port), "-U", "postgres", "-D", r.Data, "-R", "-X", "stream", "--checkpoint=fast")
	r.start(t)
	return r
}

// ownedTempDir makes a temporary directory the server's user owns.
func (c *PostgresCluster) ownedTempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "secretariat-pgtest-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			Missing(t, "running as root, PostgreSQL needs the postgres user, which Debian's postgresql package makes")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		c.as = []string{"runuser", "-u", "postgres", "--"}
	}
	return dir
}

// start starts the server and stops it at the end of the test.
func (c *PostgresCluster) start(t testing.TB, options ...string) {
	t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", c.Port, filepath.Dir(c.Data))
	for _, o := range options {
		opts += " " + o
	}
	c.run(t, "pg_ctl", "-D", c.Data, "-l", filepath.Join(filepath.Dir(c.Data), "server.log"), "-w", "-o", opts, "start")
	t.Cleanup(func() {
		argv := append(append([]string{}, c.as...), filepath.Join(c.Bin, "pg_ctl"), "-D", c.Data, "-m", "immediate", "stop")
		exec.Command(argv[0], argv[1:]...).Run()
	})
}

// freePort returns a TCP port free on 127.0.0.1 now.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
