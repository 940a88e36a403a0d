#!/usr/bin/env python
# -*- coding: UTF-8 -*-
"""datax.py compatibility launcher for tablesync.

Accepts the flags of DataX's bin/datax.py so existing scripts and schedulers keep working:
  python bin/datax.py -j"-Xms4g -Xmx4g" -p"-Dstart_time=1 -Dend_time=2" job.json
Exit codes as DataX: 0 success, 1 failure, 143 killed, 255 wrong usage.
"""
import hashlib
import os
import shlex
import signal
import subprocess
import sys
from optparse import OptionParser, OptionGroup

HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_JVM = "-Xms1g -Xmx1g -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=%s/log" % HOME
KILLED = 143
child = None
killed = False
# JVM options that touch class-data sharing: when -j gives any, the launcher leaves CDS to them
CDS_FLAGS = ("-Xshare", "SharedArchiveFile", "ArchiveClassesAtExit", "DumpLoadedClassList", "SharedClassListFile")
CDS_QUIET = "-Xlog:cds=off,cds+dynamic=off"


def parser():
    usage = "usage: %prog [options] job-url-or-path"
    p = OptionParser(usage=usage)
    prod = OptionGroup(p, "Product Env Options", "Normal user use these options to set jvm parameters, job runtime mode etc.")
    prod.add_option("-j", "--jvm", metavar="<jvm parameters>", dest="jvmParameters", action="store",
                    default=DEFAULT_JVM, help="Set jvm parameters if necessary.")
    prod.add_option("--jobid", metavar="<job unique id>", dest="jobid", action="store", default="-1",
                    help="Set job unique id when running by Distribute/Local Mode.")
    prod.add_option("-m", "--mode", metavar="<job runtime mode>", action="store", default="standalone",
                    help="Set job runtime mode such as: standalone, local, distribute. Default mode is standalone.")
    prod.add_option("-p", "--params", metavar="<parameter used in job config>", action="store", dest="params",
                    help='Set job parameter, eg: the source tableName you want to set it by command, '
                         'then you can use like this: -p"-DtableName=your-table-name", '
                         'if you have mutiple parameters: -p"-DtableName=your-table-name -DcolumnName=your-column-name".'
                         'Note: you should config in you job tableName with ${tableName}.')
    prod.add_option("-r", "--reader", metavar="<parameter used in view job config[reader] template>",
                    action="store", dest="reader", type="string",
                    help='View job config[reader] template, eg: mysqlreader,streamreader')
    prod.add_option("-w", "--writer", metavar="<parameter used in view job config[writer] template>",
                    action="store", dest="writer", type="string",
                    help='View job config[writer] template, eg: mysqlwriter,streamwriter')
    p.add_option_group(prod)
    dev = OptionGroup(p, "Develop/Debug Options", "Developer use these options to trace more details of DataX.")
    dev.add_option("-d", "--debug", dest="remoteDebug", action="store_true",
                   help="Set to remote debug mode.")
    dev.add_option("--loglevel", metavar="<log level>", dest="loglevel", action="store",
                   default="info", help="Set log level such as: debug, info, all etc.")
    p.add_option_group(dev)
    return p


def java_binary():
    return os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"


def java_command(options, tail, extra=()):
    java = java_binary()
    jvm = shlex.split(DEFAULT_JVM)
    if options.jvmParameters != DEFAULT_JVM:
        jvm += shlex.split(options.jvmParameters)  # appended after the defaults: the later -Xmx wins
    # as bin/tablesync: G1's young generation capped at 10 % of the heap (resident memory), and a job compiled by C1
    # only (a DataX job is a one-off process: C2 costs more CPU than it saves); -j options come later and win
    # (-j"-XX:TieredStopAtLevel=4" brings C2 back for a long CPU-bound job)
    cmd = [java, "-server", "-XX:+UnlockExperimentalVMOptions", "-XX:G1MaxNewSizePercent=10",
           "-XX:TieredStopAtLevel=1"] + list(extra) + jvm
    if options.remoteDebug:
        cmd.append("-agentlib:jdwp=transport=dt_socket,server=y,address=9999")
    cmd += ["-Dfile.encoding=UTF-8", "-Dloglevel=" + options.loglevel,
            "-Dtablesync.home=" + HOME, "-Ddatax.home=" + HOME,
            "-Dlogback.configurationFile=" + os.path.join(HOME, "conf", "logback.xml")]
    cmd += tail
    return cmd


class ClassDataSharing(object):
    """A class-data-sharing archive of the classes a job loads, so that later jobs start faster.

    A short window job spends a large part of its CPU starting up (loading and linking classes); with an
    archive that part shrinks (BENCHMARKS.md: -19 % CPU, -7 % wall on a 5,000-change window). The JVM writes the
    archive when the first job exits; it is valid only for that Java runtime and those jars, which name it, so a
    new JDK or a new tablesync makes a new one. An archive cut short would make every later JVM abort at start, so
    a dump becomes the archive only after its job exited 0 and a trial JVM mapped and verified it. The directory is
    TABLESYNC_CDS_DIR (default: cds/ in the installation); TABLESYNC_CDS=off switches it all off, and so does an
    unwritable directory or -j options of its own. Warnings about an archive the JVM rejects stay out of the
    job's output: a rejected archive only means an ordinary start.
    """

    def __init__(self, java, jvm_parameters):
        self.java = java
        self.options = []
        self.dump = None
        self.archive = None
        switch = os.environ.get("TABLESYNC_CDS", "on")
        if switch not in ("on", "off"):
            sys.stderr.write('datax.py: TABLESYNC_CDS is "%s", use on or off; starting without a class-data-sharing archive\n'
                             % switch)
        if switch != "on" or any(f in jvm_parameters for f in CDS_FLAGS):
            return
        directory = os.environ.get("TABLESYNC_CDS_DIR") or os.path.join(HOME, "cds")
        try:
            key = self.key()
        except OSError:
            return  # a jar or the runtime changed under us: start without
        if key is None:
            return
        self.archive = os.path.join(directory, "tablesync-%s.jsa" % key)
        if os.path.isfile(self.archive):
            self.options = ["-XX:SharedArchiveFile=" + self.archive, "-XX:+VerifySharedSpaces", CDS_QUIET]
            return
        try:
            if not os.path.isdir(directory):
                os.makedirs(directory)
            self.forget_abandoned_dumps(directory)
        except OSError:
            return  # a read-only installation: start without
        if not os.access(directory, os.W_OK):
            return
        self.dump = os.path.join(directory, "tablesync-%s.%d.tmp" % (key, os.getpid()))
        self.options = ["-XX:ArchiveClassesAtExit=" + self.dump, CDS_QUIET]

    def key(self):
        """Names the Java runtime and the jars: their paths, sizes and modification times."""
        java = self.java if os.path.isabs(self.java) else which(self.java)
        if java is None:
            return None
        files = [os.path.realpath(java)] + sorted(
            os.path.join(HOME, "lib", f) for f in os.listdir(os.path.join(HOME, "lib")) if f.endswith(".jar"))
        h = hashlib.sha1()
        for f in files:
            st = os.stat(f)
            h.update(("%s %d %d\n" % (f, st.st_size, int(st.st_mtime))).encode("utf-8"))
        return h.hexdigest()[:16]

    @staticmethod
    def forget_abandoned_dumps(directory):
        """Dumps whose launcher is gone (killed before it could check them) are never used: removed."""
        for f in os.listdir(directory):
            parts = f.split(".")
            if f.endswith(".tmp") and len(parts) == 3 and parts[1].isdigit() and not os.path.exists("/proc/" + parts[1]):
                try:
                    os.remove(os.path.join(directory, f))
                except OSError:
                    pass

    def job_ended(self, code, classpath):
        """After the job: a complete, verified dump becomes the archive; anything else is removed."""
        if self.dump is None or not os.path.isfile(self.dump):
            return
        try:
            if code == 0 and os.path.getsize(self.dump) > 0 and self.usable(classpath):
                os.rename(self.dump, self.archive)  # atomic; a concurrent first job's dump may win, equally good
            else:
                os.remove(self.dump)
        except OSError:
            pass

    def usable(self, classpath):
        """A trial JVM maps the dump and verifies its checksums (-Xshare:on fails rather than start without it)."""
        with open(os.devnull, "w") as null:
            return subprocess.call([self.java, "-Xshare:on", "-XX:SharedArchiveFile=" + self.dump, "-XX:+VerifySharedSpaces",
                                    CDS_QUIET, "-classpath", classpath, "-version"], stdout=null, stderr=null) == 0


def which(program):
    """shutil.which, which Python 2 (still DataX users' python) lacks."""
    for d in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(d, program)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def log_file_name(job):
    name = job[-20:].replace("/", "_").replace(".", "_")
    return name


def on_signal(signum, frame):
    # Forward as SIGTERM: tablesync stops reading, writes what is in flight, and exits 143.
    # The main flow's wait() returns when it has; waiting here would deadlock with that wait().
    global killed
    killed = True
    if child is None:
        sys.exit(KILLED)
    try:
        child.send_signal(signal.SIGTERM)
    except OSError:
        pass


def main():
    global child
    p = parser()
    options, args = p.parse_args()
    if options.reader is not None and options.writer is not None:
        cmd = java_command(options, ["-classpath", os.path.join(HOME, "lib", "*"), "io.tablesync.cli.Main",
                                     "template", "-r", options.reader, "-w", options.writer])
        sys.exit(subprocess.call(cmd))
    if len(args) != 1:
        p.print_help()
        sys.exit(-1)
    job = args[0]
    if not job.startswith("http://") and not job.startswith("https://"):
        job = os.path.abspath(job)
    # -p carries placeholder values (-Dk=v); tablesync's "run -p" takes them, warns about anything else
    # (JVM flags belong in -j) and sets them as system properties, as DataX's JVM would.
    params = ["-p", options.params] if options.params else []
    jobid = options.jobid
    if options.mode != "standalone" and jobid == "-1":
        sys.stderr.write("mode %s needs --jobid\n" % options.mode)
        sys.exit(-1)
    classpath = os.path.join(HOME, "lib", "*")
    tail = ["-Dlog.file.name=" + log_file_name(job),
            "-classpath", classpath, "io.tablesync.cli.Main",
            "run", "--jobid", str(max(0, int(jobid)))] + params + [job]
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
        signal.signal(sig, on_signal)
    # Own process group: a terminal's Ctrl-C reaches only this script, which forwards exactly one
    # SIGTERM; tablesync treats a second signal as "exit now" and would skip the graceful flush.
    cds = ClassDataSharing(java_binary(), options.jvmParameters if options.jvmParameters != DEFAULT_JVM else "")
    child = subprocess.Popen(java_command(options, tail, cds.options), preexec_fn=os.setpgrp)
    code = child.wait()
    cds.job_ended(1 if killed else code, classpath)
    sys.exit(KILLED if killed or code == KILLED else code)


if __name__ == "__main__":
    main()
