#!/usr/bin/env python3
"""Writes the IANA CSV form of a slice of the registry XML, for tests.

    make-csv.py service-names-port-numbers.xml > slice.csv

The slice: every record of the names below, and the unnamed records of the
ports below.  The columns and quoting are those of IANA's
service-names-port-numbers.csv; mixed text renders <xref> as [RFC6335] /
[Person_Id] and <br/> as a newline (so quoted fields span lines).
"""
import csv, sys
import xml.etree.ElementTree as ET

NS = '{http://www.iana.org/assignments}'
NAMES = {'http', 'www', 'www-http', 'sql*net', 'sql-net', 'whois++', 'whoispp',
         'z39.50', 'z39-50', 'edi_service', 'stun-behaviors', 'stuns', 'turns',
         'smb', 'ldap', 'exp1', 'matrix', 'device-info', 'dns-sd', 'compressnet',
         'x11', 'ftp', 'daap', 'ethernet/ip-1', 'ethernet-ip-1', 'mqtt', 'jmap',
         'bender', 'hpr-bldlnx'}
UNNAMED_PORTS = {'2', '3', '5030', '3980', '1109', '225-241'}

def text(e):
    if e is None:
        return ''
    out = [e.text or '']
    for c in e:
        tag = c.tag.replace(NS, '')
        if tag in ('br', 'paragraph'):
            out.append('\n')
            if tag == 'paragraph':
                out.append(text(c))
        elif tag == 'xref' and c.get('data'):
            d = c.get('data')
            out.append(' [%s] ' % (d.upper() if c.get('type') == 'rfc' else d))
        out.append(c.tail or '')
    return ''.join(out).strip()

def refs(rec, parent_tag=None):
    holder = rec.find(NS + parent_tag) if parent_tag else rec
    if holder is None:
        return ''
    return ''.join('[%s]' % (x.get('data').upper() if x.get('type') == 'rfc' else x.get('data'))
                   for x in holder.findall(NS + 'xref'))

def main():
    root = ET.parse(sys.argv[1]).getroot()
    w = csv.writer(sys.stdout, lineterminator='\r\n')
    w.writerow(['Service Name', 'Port Number', 'Transport Protocol', 'Description',
                'Assignee', 'Contact', 'Registration Date', 'Modification Date',
                'Reference', 'Service Code', 'Unauthorized Use Reported',
                'Assignment Notes'])
    for rec in root.findall(NS + 'record'):
        name = text(rec.find(NS + 'name'))
        number = text(rec.find(NS + 'number'))
        if not (name.lower() in NAMES or (not name and number in UNNAMED_PORTS)):
            continue
        w.writerow([name, number, text(rec.find(NS + 'protocol')),
                    text(rec.find(NS + 'description')), refs(rec, 'assignee'),
                    refs(rec, 'contact'), rec.get('date', ''), rec.get('updated', ''),
                    refs(rec), text(rec.find(NS + 'sc')),
                    text(rec.find(NS + 'unauthorized')), text(rec.find(NS + 'note'))])

main()
