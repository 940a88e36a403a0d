#!/usr/bin/env python
# -*- coding: UTF-8 -*-
"""datax.py compatibility launcher for tablesync.

Accepts the flags of DataX's bin/datax.py so existing scripts and schedulers keep working:
  python bin/datax.py -j"-Xms4g -Xmx4g" -p"-Dstart_time=1 -Dend_time=2" job.json
Exit codes as DataX: 0 success, 1 failure, 143 killed, 255 wrong usage.
"""
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


def java_command(options, tail):
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    jvm = shlex.split(DEFAULT_JVM)
    if options.jvmParameters != DEFAULT_JVM:
        jvm += shlex.split(options.jvmParameters)  # appended after the defaults: the later -Xmx wins
    # as bin/tablesync: G1's young generation capped at 10 % of the heap (resident memory), and a job compiled by C1
    # only (a DataX job is a one-off process: C2 costs more CPU than it saves); -j options come later and win
    # (-j"-XX:TieredStopAtLevel=4" brings C2 back for a long CPU-bound job)
    cmd = [java, "-server", "-XX:+UnlockExperimentalVMOptions", "-XX:G1MaxNewSizePercent=10",
           "-XX:TieredStopAtLevel=1"] + jvm
    if options.remoteDebug:
        cmd.append("-agentlib:jdwp=transport=dt_socket,server=y,address=9999")
    cmd += ["-Dfile.encoding=UTF-8", "-Dloglevel=" + options.loglevel,
            "-Dtablesync.home=" + HOME, "-Ddatax.home=" + HOME,
            "-Dlogback.configurationFile=" + os.path.join(HOME, "conf", "logback.xml")]
    cmd += tail
    return cmd


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
    tail = ["-Dlog.file.name=" + log_file_name(job),
            "-classpath", os.path.join(HOME, "lib", "*"), "io.tablesync.cli.Main",
            "run", "--jobid", str(max(0, int(jobid)))] + params + [job]
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT):
        signal.signal(sig, on_signal)
    # Own process group: a terminal's Ctrl-C reaches only this script, which forwards exactly one
    # SIGTERM; tablesync treats a second signal as "exit now" and would skip the graceful flush.
    child = subprocess.Popen(java_command(options, tail), preexec_fn=os.setpgrp)
    code = child.wait()
    sys.exit(KILLED if killed or code == KILLED else code)


if __name__ == "__main__":
    main()
