import os, random
random.seed(42)
def pair(sec, names, vals, valprefix=None):
    h = sec + ":" + "".join(" " + n for n in names)
    v = (valprefix if valprefix is not None else sec + ":") + "".join(" " + str(x) for x in vals)
    return h + "\n" + v + "\n"
def rv(n, big=False):
    out=[]
    for i in range(n):
        r=random.random()
        if r<0.4: out.append(0)
        elif big and r>0.9: out.append(random.randint(2**32, 2**40))
        else: out.append(random.randint(1, 5000000))
    return out
def write(root, rel, text):
    p=os.path.join(root, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p,'w').write(text)

ipstats=["InReceives","InHdrErrors","InAddrErrors","ForwDatagrams","InUnknownProtos","InDiscards","InDelivers","OutRequests","OutDiscards","OutNoRoutes","ReasmTimeout","ReasmReqds","ReasmOKs","ReasmFails","FragOKs","FragFails","FragCreates"]
icmpmap=["DestUnreachs","TimeExcds","ParmProbs","SrcQuenchs","Redirects","Echos","EchoReps","Timestamps","TimestampReps","AddrMasks","AddrMaskReps"]
tcp=["RtoAlgorithm","RtoMin","RtoMax","MaxConn","ActiveOpens","PassiveOpens","AttemptFails","EstabResets","CurrEstab","InSegs","OutSegs","RetransSegs","InErrs","OutRsts"]
udp=["InDatagrams","NoPorts","InErrors","OutDatagrams","RcvbufErrors","SndbufErrors"]

# ---- linux-2.6.32: layout of the seed printer (000_*.txt)
tcpext26="""SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned OutOfWindowIcmps LockDroppedIcmps ArpFilter TW TWRecycled TWKilled PAWSPassive PAWSActive PAWSEstab DelayedACKs DelayedACKLocked DelayedACKLost ListenOverflows ListenDrops TCPPrequeued TCPDirectCopyFromBacklog TCPDirectCopyFromPrequeue TCPPrequeueDropped TCPHPHits TCPHPHitsToUser TCPPureAcks TCPHPAcks TCPRenoRecovery TCPSackRecovery TCPSACKReneging TCPFACKReorder TCPSACKReorder TCPRenoReorder TCPTSReorder TCPFullUndo TCPPartialUndo TCPDSACKUndo TCPLossUndo TCPLoss TCPLostRetransmit TCPRenoFailures TCPSackFailures TCPLossFailures TCPFastRetrans TCPForwardRetrans TCPSlowStartRetrans TCPTimeouts TCPRenoRecoveryFail TCPSackRecoveryFail TCPSchedulerFailed TCPRcvCollapsed TCPDSACKOldSent TCPDSACKOfoSent TCPDSACKRecv TCPDSACKOfoRecv TCPAbortOnSyn TCPAbortOnData TCPAbortOnClose TCPAbortOnMemory TCPAbortOnTimeout TCPAbortOnLinger TCPAbortFailed TCPMemoryPressures TCPSACKDiscard TCPDSACKIgnoredOld TCPDSACKIgnoredNoUndo TCPSpuriousRTOs TCPMD5NotFound TCPMD5Unexpected""".split()
ipext26=["InNoRoutes","InTruncatedPkts","InMcastPkts","OutMcastPkts","InBcastPkts","OutBcastPkts"]

def icmp_line(extra_in=[], extra_out=[]):
    names=["InMsgs","InErrors"]+extra_in+["In"+x for x in icmpmap]+["OutMsgs","OutErrors"]+extra_out+["Out"+x for x in icmpmap]
    return names

def snmp26(root, icmpmsg_types):
    s=""
    s+=pair("Ip",["Forwarding","DefaultTTL"]+ipstats,[1,64]+rv(len(ipstats)))
    names=icmp_line()
    s+=pair("Icmp",names,rv(len(names)))
    # icmpmsg_put: chunks of 16 with "IcmpMsg: " + " %lu" (two spaces), remainder single space
    types=icmpmsg_types
    chunks=[types[i:i+16] for i in range(0,len(types),16)]
    for ch in chunks:
        nm=[("Out" if t&0x100 else "In")+"Type%d"%(t&0xff) for t in ch]
        vals=rv(len(ch))
        vals=[v if v else 1 for v in vals]
        if len(ch)==16:
            s+=pair("IcmpMsg",nm,vals,valprefix="IcmpMsg: ")
        else:
            s+=pair("IcmpMsg",nm,vals)
    tv=[1,200,120000,-1]+rv(len(tcp)-4)
    s+=pair("Tcp",tcp,tv)
    s+=pair("Udp",udp,rv(len(udp)))
    s+=pair("UdpLite",udp,[0]*len(udp))
    write(root,"net/snmp",s)
    n=pair("TcpExt",tcpext26,rv(len(tcpext26)))+pair("IpExt",ipext26,rv(len(ipext26)))
    write(root,"net/netstat",n)
    write(root,"net/sockstat","sockets: used 312\nTCP: inuse 21 orphan 0 tw 4 alloc 25 mem 3\nUDP: inuse 9 mem 2\nUDPLITE: inuse 0\nRAW: inuse 0\nFRAG: inuse 0 memory 0\n")
    write(root,"sys/net/ipv4/ipfrag_time","30\n")

snmp26("linux-2.6.32", [0,3,8,0x100,0x103,0x108])
snmp26("linux-2.6.32-icmpmsg-wrap", [0,3,4,5,8,11,12,13,14,0x100,0x103,0x104,0x105,0x108,0x10b,0x10c,0x10d,0x10e])

# ---- linux-4.19 (built by hand from the 4.19 printers' field lists)
tcpext419="""SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned OutOfWindowIcmps LockDroppedIcmps ArpFilter TW TWRecycled TWKilled PAWSActive PAWSEstab DelayedACKs DelayedACKLocked DelayedACKLost ListenOverflows ListenDrops TCPHPHits TCPPureAcks TCPHPAcks TCPRenoRecovery TCPSackRecovery TCPSACKReneging TCPSACKReorder TCPRenoReorder TCPTSReorder TCPFullUndo TCPPartialUndo TCPDSACKUndo TCPLossUndo TCPLostRetransmit TCPRenoFailures TCPSackFailures TCPLossFailures TCPFastRetrans TCPSlowStartRetrans TCPTimeouts TCPLossProbes TCPLossProbeRecovery TCPRenoRecoveryFail TCPSackRecoveryFail TCPRcvCollapsed TCPDSACKOldSent TCPDSACKOfoSent TCPDSACKRecv TCPDSACKOfoRecv TCPAbortOnData TCPAbortOnClose TCPAbortOnMemory TCPAbortOnTimeout TCPAbortOnLinger TCPAbortFailed TCPMemoryPressures TCPMemoryPressuresChrono TCPSACKDiscard TCPDSACKIgnoredOld TCPDSACKIgnoredNoUndo TCPSpuriousRTOs TCPMD5NotFound TCPMD5Unexpected TCPMD5Failure TCPSackShifted TCPSackMerged TCPSackShiftFallback TCPBacklogDrop PFMemallocDrop TCPMinTTLDrop TCPDeferAcceptDrop IPReversePathFilter TCPTimeWaitOverflow TCPReqQFullDoCookies TCPReqQFullDrop TCPRetransFail TCPRcvCoalesce TCPOFOQueue TCPOFODrop TCPOFOMerge TCPChallengeACK TCPSYNChallenge TCPFastOpenActive TCPFastOpenActiveFail TCPFastOpenPassive TCPFastOpenPassiveFail TCPFastOpenListenOverflow TCPFastOpenCookieReqd TCPFastOpenBlackhole TCPSpuriousRtxHostQueues BusyPollRxPackets TCPAutoCorking TCPFromZeroWindowAdv TCPToZeroWindowAdv TCPWantZeroWindowAdv TCPSynRetrans TCPOrigDataSent TCPHystartTrainDetect TCPHystartTrainCwnd TCPHystartDelayDetect TCPHystartDelayCwnd TCPACKSkippedSynRecv TCPACKSkippedPAWS TCPACKSkippedSeq TCPACKSkippedFinWait2 TCPACKSkippedTimeWait TCPACKSkippedChallenge TCPWinProbe TCPKeepAlive TCPMTUPFail TCPMTUPSuccess TCPDelivered TCPDeliveredCE TCPAckCompressed""".split()
ipext419=["InNoRoutes","InTruncatedPkts","InMcastPkts","OutMcastPkts","InBcastPkts","OutBcastPkts","InOctets","OutOctets","InMcastOctets","OutMcastOctets","InBcastOctets","OutBcastOctets","InCsumErrors","InNoECTPkts","InECT1Pkts","InECT0Pkts","InCEPkts"]
def snmp419(root):
    s=pair("Ip",["Forwarding","DefaultTTL"]+ipstats,[2,64]+rv(len(ipstats),True))
    names=icmp_line(["InCsumErrors"])
    s+=pair("Icmp",names,rv(len(names)))
    s+=pair("IcmpMsg",["InType0","InType3","InType8","OutType0","OutType3","OutType8"],[17,4242,90210,90210,3131,17])
    s+=pair("Tcp",tcp+["InCsumErrors"],[1,200,120000,-1]+rv(len(tcp)-3,True))
    u=udp+["InCsumErrors","IgnoredMulti"]
    s+=pair("Udp",u,rv(len(u),True))
    s+=pair("UdpLite",u,[0]*len(u))
    write(root,"net/snmp",s)
    n=pair("TcpExt",tcpext419,rv(len(tcpext419)))+pair("IpExt",ipext419,rv(len(ipext419),True))
    write(root,"net/netstat",n)
    write(root,"net/sockstat","sockets: used 1207\nTCP: inuse 88 orphan 2 tw 431 alloc 97 mem 41\nUDP: inuse 12 mem 6\nUDPLITE: inuse 0\nRAW: inuse 1\nFRAG: inuse 0 memory 0\n")
    write(root,"sys/net/ipv4/ipfrag_time","30\n")
snmp419("linux-4.19")
